import { useEffect, useRef, type ReactNode } from 'react';
import type { DocumentView, ExtractedText } from '../api';
import { formatConfidence } from '../format';

type Fields = DocumentView['fields'];
type Field = Fields[string];

/** Camel-case field names as words: `issueDate` → `issue date`. */
const label = (name: string): string => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

const hasEvidence = (field: Field): boolean => field.page !== null && field.start !== null && field.end !== null;

/** The fields extracted; each with evidence can be shown where it was read, on its page. */
export function FieldList({ fields, selected, onSelect }: { fields: Fields; selected: string | null; onSelect: (name: string) => void }) {
  const entries = Object.entries(fields);
  if (entries.length === 0) return <p className="muted">No fields were extracted.</p>;
  return (
    <dl className="fields" data-testid="fields">
      {entries.map(([name, field]) => (
        <div key={name} data-field={name} className={selected === name ? 'selected' : undefined}>
          <dt>{label(name)}</dt>
          <dd>
            <span className="value">{field.value}</span>
            {field.confidence !== undefined && <span className="muted"> {formatConfidence(field.confidence)} sure</span>}
            {hasEvidence(field) && (
              <button type="button" className="link" onClick={() => onSelect(name)} aria-pressed={selected === name}>
                show on page {field.page}
              </button>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

interface Span {
  name: string;
  start: number;
  end: number;
}

/** The page text with the fields read from it marked; overlapping spans keep the first. */
function markedText(text: string, spans: Span[], selected: string | null): ReactNode[] {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at || span.end > text.length || span.end <= span.start) continue;
    parts.push(text.slice(at, span.start));
    parts.push(
      <mark key={span.name} title={label(span.name)} data-evidence={span.name} className={span.name === selected ? 'selected' : undefined}>
        {text.slice(span.start, span.end)}
      </mark>,
    );
    at = span.end;
  }
  parts.push(text.slice(at));
  return parts;
}

/** One page's extracted text, with the evidence of the fields found on it; the selected field scrolled into view. */
export function PageText({ text, page, fields, selected }: { text: ExtractedText; page: number; fields: Fields; selected: string | null }) {
  const container = useRef<HTMLPreElement>(null);
  useEffect(() => {
    container.current?.querySelector('mark.selected')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [selected, page]);
  const pageText = text.pages.find((candidate) => candidate.number === page);
  if (!pageText) return <p className="muted">No text on page {page}.</p>;
  const spans = Object.entries(fields).flatMap(([name, field]) =>
    field.page === page && field.start !== null && field.end !== null ? [{ name, start: field.start, end: field.end }] : [],
  );
  return (
    <section className="page-text" data-testid="page-text" aria-label={`Text of page ${page}`}>
      {pageText.ocr && <p className="muted">Read by OCR.</p>}
      <pre ref={container} tabIndex={0}>
        {markedText(pageText.text, spans, selected)}
      </pre>
    </section>
  );
}
