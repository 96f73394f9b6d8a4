import { useState } from 'react';
import { apiKey } from './api';
import { Link } from './components';
import { DocumentPage } from './pages/document-page';
import { DocumentsPage } from './pages/documents-page';
import { PipelinePage } from './pages/pipeline-page';
import { SearchPage } from './pages/search-page';
import { usePath } from './router';

function ApiKeyForm({ onSaved }: { onSaved: () => void }) {
  const [draft, setDraft] = useState(apiKey.get());
  return (
    <form
      className="api-key"
      onSubmit={(event) => {
        event.preventDefault();
        apiKey.set(draft);
        onSaved();
      }}
    >
      <label>
        API key{' '}
        <input
          name="apiKey"
          type="password"
          value={draft}
          placeholder="dev-key (the local default)"
          onChange={(event) => setDraft(event.target.value)}
        />
      </label>
      <button type="submit">Save</button>
    </form>
  );
}

function Page({ path }: { path: string }) {
  const document = /^\/documents\/([0-9a-f-]{36})$/i.exec(path);
  if (document) return <DocumentPage id={document[1] as string} />;
  if (path === '/search') return <SearchPage />;
  if (path === '/pipeline') return <PipelinePage />;
  return <DocumentsPage />;
}

export function App() {
  const path = usePath();
  // A new key remounts the page, which reconnects the live socket with it.
  const [keyVersion, setKeyVersion] = useState(0);
  return (
    <>
      <header>
        <strong className="brand">docpipe</strong>
        <nav>
          <Link to="/">Documents</Link>
          <Link to="/search">Search</Link>
          <Link to="/pipeline">Pipeline</Link>
        </nav>
        <ApiKeyForm onSaved={() => setKeyVersion((version) => version + 1)} />
      </header>
      <main key={keyVersion}>
        {apiKey.get() ? <Page path={path} /> : <p className="notice">Enter an API key to start (locally: dev-key).</p>}
      </main>
    </>
  );
}
