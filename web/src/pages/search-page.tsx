import { useState, type FormEvent } from 'react';
import { api, type SearchResult } from '../api';
import { Link, OpenOriginal, Snippet, TypeBadge } from '../components';

const MODES = ['hybrid', 'keyword', 'semantic'] as const;

/** A date input's day as the instant it starts (from) or the next day starts (to, exclusive). */
function instant(day: string, endOfDay: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00Z`);
  if (endOfDay) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}

export function SearchPage() {
  const [q, setQ] = useState('');
  const [mode, setMode] = useState<(typeof MODES)[number]>('hybrid');
  const [type, setType] = useState('');
  const [tag, setTag] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      setResult(await api.search({ q, mode, type, tag, from: instant(from, false), to: instant(to, true), size: 20 }));
      setError(null);
    } catch (cause) {
      setError((cause as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <form className="search" onSubmit={(event) => void search(event)}>
        <input
          name="q"
          type="search"
          placeholder="Search your documents"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          required
        />
        <fieldset className="modes">
          {MODES.map((value) => (
            <label key={value}>
              <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} /> {value}
            </label>
          ))}
        </fieldset>
        <input name="type" placeholder="type (e.g. invoice)" value={type} onChange={(event) => setType(event.target.value)} />
        <input name="tag" placeholder="tag" value={tag} onChange={(event) => setTag(event.target.value)} />
        <label>
          from <input name="from" type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label>
          to <input name="to" type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          Search
        </button>
      </form>
      {error && <p className="error">{error}</p>}
      {result && (
        <>
          <p className="muted">
            {result.total} {result.total === 1 ? 'document' : 'documents'} in {Math.round(result.tookMs)} ms
          </p>
          <ol className="hits">
            {result.hits.map((hit) => (
              <li key={hit.documentId} data-testid="search-hit">
                <Link to={`/documents/${hit.documentId}`}>{hit.fileName}</Link> <TypeBadge type={hit.documentType} confidence={null} />{' '}
                <OpenOriginal id={hit.documentId} fileName={hit.fileName} />
                {hit.highlights.map((highlight, i) => (
                  <p key={i} className="highlight">
                    {highlight.page !== null && <span className="page">p. {highlight.page}</span>} <Snippet html={highlight.snippet} />
                  </p>
                ))}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
