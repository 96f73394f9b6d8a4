import { useState } from 'react';
import { api, type DocumentView } from '../api';

// The default taxonomy, offered in the list; a tenant may type a name of its own (e.g. payslip).
const KNOWN_TYPES = [
  'invoice',
  'receipt',
  'contract',
  'resume',
  'letter',
  'report',
  'scientific-paper',
  'form',
  'email',
  'spreadsheet',
  'presentation',
  'other',
];

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
        {KNOWN_TYPES.map((known) => (
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
