import { useState } from 'react';
import { DEFAULT_DOCUMENT_TYPES } from '@docpipe/contracts';
import { api, type DocumentView } from '../api';

/** Sets the document's type by hand: kept over later classifications and learned for the tenant's next documents. */
export function TypeCorrection({ document, onCorrected }: { document: DocumentView; onCorrected: (document: DocumentView) => void }) {
  const [type, setType] = useState(document.documentType ?? '');
  const [error, setError] = useState<string | null>(null);
  const chosen = type.trim();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    api.correctType(document.id, chosen).then(onCorrected, (cause: Error) => setError(cause.message));
  };
  return (
    <form className="type-correction" onSubmit={submit}>
      <label>
        Type <input data-testid="type-input" list="document-types" value={type} onChange={(event) => setType(event.target.value)} />
      </label>
      <datalist id="document-types">
        {DEFAULT_DOCUMENT_TYPES.map((known) => (
          <option key={known} value={known} />
        ))}
      </datalist>{' '}
      <button type="submit" disabled={chosen === '' || chosen === document.documentType}>
        Set type
      </button>
      {error && <span className="error"> {error}</span>}
    </form>
  );
}
