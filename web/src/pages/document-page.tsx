import { useEffect, useState } from 'react';
import { api, type DocumentView, type ExtractedText, type SimilarResult, type TimelineEntry } from '../api';
import { Link, OpenOriginal, StalledBadge, TypeBadge } from '../components';
import { formatBytes, formatDuration } from '../format';

interface Loaded {
  document: DocumentView;
  timeline: TimelineEntry[];
  similar: SimilarResult['hits'] | string;
  text: ExtractedText | string;
}

async function load(id: string): Promise<Loaded> {
  const [document, timeline] = await Promise.all([api.get(id), api.timeline(id)]);
  // Text and similar documents exist only once extracted and indexed; until then say why rather than fail the page.
  const [similar, text] = await Promise.all([
    api.similar(id).then(
      (result) => result.hits,
      (error: Error) => error.message,
    ),
    api.text(id).catch((error: Error) => error.message),
  ]);
  return { document, timeline: timeline.entries, similar, text };
}

export function DocumentPage({ id }: { id: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load(id).then(setLoaded, (cause: Error) => setError(cause.message));
  }, [id]);

  if (error) return <p className="error">{error}</p>;
  if (!loaded) return <p className="muted">Loading…</p>;
  const { document, timeline, similar, text } = loaded;
  const fields = Object.entries(document.fields);
  return (
    <article className="document">
      <h2 data-testid="document-title">{document.fileName}</h2>
      <p>
        <span className="status">{document.status}</span> <StalledBadge stalled={document.stalled} />{' '}
        <TypeBadge type={document.documentType} confidence={document.confidence} /> {document.mediaType}, {formatBytes(document.sizeBytes)}
        {document.pages !== null && `, ${document.pages} ${document.pages === 1 ? 'page' : 'pages'}`}
        {document.language && `, ${document.language}`} <OpenOriginal id={document.id} fileName={document.fileName} />
      </p>
      {document.error && (
        <p className="error">
          {document.error.stage} failed: {document.error.reason}
        </p>
      )}
      <h3>Stages</h3>
      <ul className="stages">
        {document.stages.map((stage) => (
          <li key={stage.stage}>
            {stage.stage}: {stage.status} {formatDuration(stage.durationMs)}
          </li>
        ))}
      </ul>
      <h3>Extracted fields</h3>
      {fields.length === 0 ? (
        <p className="muted">No fields were extracted.</p>
      ) : (
        <dl className="fields">
          {fields.map(([name, field]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>
                {field.value}
                {field.page !== null && <span className="page"> p. {field.page}</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <h3>Extracted text</h3>
      {typeof text === 'string' ? <p className="muted">{text}</p> : <ExtractedTextView text={text} />}
      <h3>Timeline</h3>
      <ol className="timeline" data-testid="timeline">
        {timeline.map((entry) => (
          <li key={entry.seq}>
            <time>{new Date(entry.occurredAt).toLocaleTimeString()}</time> {entry.type} {entry.stage && `(${entry.stage})`} → {entry.status}
          </li>
        ))}
      </ol>
      <h3>Similar documents</h3>
      {typeof similar === 'string' ? (
        <p className="muted">{similar}</p>
      ) : similar.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul data-testid="similar">
          {similar.map((hit) => (
            <li key={hit.documentId}>
              <Link to={`/documents/${hit.documentId}`}>{hit.fileName}</Link> <TypeBadge type={hit.documentType} confidence={null} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function ExtractedTextView({ text }: { text: ExtractedText }) {
  return (
    <>
      {text.entities.length > 0 && (
        <ul className="entities" data-testid="entities">
          {text.entities.map((entity) => (
            <li key={`${entity.kind}-${entity.page}-${entity.start}`}>
              <span className="kind">{entity.kind}</span> {entity.value} <span className="page">p. {entity.page}</span>
            </li>
          ))}
        </ul>
      )}
      {text.pages.map((page) => (
        <section key={page.number} className="page-text" data-testid="page-text">
          <h4>
            Page {page.number}
            {page.ocr && <span className="muted"> (read by OCR)</span>}
          </h4>
          <pre>{page.text}</pre>
        </section>
      ))}
    </>
  );
}
