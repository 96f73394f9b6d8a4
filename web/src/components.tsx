import { useState, type MouseEvent, type ReactNode } from 'react';
import { api, type Stalled } from './api';
import { formatConfidence } from './format';
import { navigate } from './router';

export function Link({ to, children, className, current }: { to: string; children: ReactNode; className?: string; current?: 'page' }) {
  const follow = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={follow} className={className} aria-current={current}>
      {children}
    </a>
  );
}

export function TypeBadge({ type, confidence }: { type: string | null; confidence: number | null }) {
  if (!type) return null;
  return (
    <span className="badge" data-testid="type-badge">
      {type} {formatConfidence(confidence)}
    </span>
  );
}

/** Opens the original in a new tab; the bytes are fetched with the API key, which a plain link cannot send. */
export function OpenOriginal({ id, fileName }: { id: string; fileName: string }) {
  const [error, setError] = useState<string | null>(null);
  const open = async (download: boolean) => {
    try {
      const url = await api.original(id);
      const link = Object.assign(document.createElement('a'), {
        href: url,
        target: '_blank',
        rel: 'noopener',
      });
      if (download) link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (cause) {
      setError((cause as Error).message);
    }
  };
  return (
    <span className="original">
      <button type="button" onClick={() => void open(false)}>
        Open
      </button>
      <button type="button" onClick={() => void open(true)}>
        Download
      </button>
      {error && <span className="error">{error}</span>}
    </span>
  );
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** The search service escapes snippets and wraps matches in <mark>: drawn as text, never as HTML. */
export function Snippet({ html }: { html: string }) {
  const parts = html
    .split(/<mark>|<\/mark>/)
    .map((part) => part.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity));
  return <span className="snippet">{parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}</span>;
}

/** Shown while a document sits in one status past its time budget (the metadata service's stall detector). */
export function StalledBadge({ stalled }: { stalled: Stalled | null | undefined }) {
  if (!stalled) return null;
  const since = new Date(stalled.since);
  return (
    <span
      className="stalled"
      data-testid="stalled"
      title={`Budget ${stalled.budgetSeconds} s; ${stalled.status} since ${since.toLocaleString()}`}
    >
      stalled in {stalled.stage} since {since.toLocaleTimeString()}
    </span>
  );
}

/** A wide table scrolls inside itself at phone width, not the page; focusable so a keyboard can scroll it too. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** What the last action on a page said: its failure as an alert, else its outcome as a status; nothing when neither. */
export function ActionNotice({ error, outcome, testId }: { error: string | null; outcome: string | null; testId: string }) {
  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {outcome && (
        <p role="status" data-testid={testId}>
          {outcome}
        </p>
      )}
    </>
  );
}

/** A secret the server shows only once (a new API key, a webhook's signing secret), with a Copy button. */
export function ShownOnce({ secret, testId, children }: { secret: string; testId: string; children: ReactNode }) {
  return (
    <div className="issued-key" data-testid={testId}>
      <p>{children}</p>
      <code>{secret}</code>{' '}
      <button type="button" onClick={() => void navigator.clipboard?.writeText(secret)}>
        Copy
      </button>
    </div>
  );
}
