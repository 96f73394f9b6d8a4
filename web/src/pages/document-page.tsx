import { useEffect, useState } from 'react';
import { api, type DocumentView, type ExtractedText, type SimilarResult, type TimelineEntry } from '../api';
import { Thumbnail } from '../authorized-image';
import { Link, OpenOriginal, StalledBadge, Tags, TypeBadge } from '../components';
import { formatBytes, formatDuration } from '../format';
import { describeEntry, stageName } from '../timeline-text';
import { FieldList, PageText } from './document-evidence';
import { DocumentPreview } from './document-preview';
import { DocumentEditor } from './document-editor';

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

/** A search hit links to the page it was found on: `?page=3`. */
const pageFromUrl = (): number => Math.max(1, Math.floor(Number(new URLSearchParams(window.location.search).get('page'))) || 1);

export function DocumentPage({ id }: { id: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(pageFromUrl);
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    setLoaded(null);
    setPage(pageFromUrl());
    setSelected(null);
    load(id).then(setLoaded, (cause: Error) => setError(cause.message));
  }, [id]);

  if (error) return <p className="error">{error}</p>;
  if (!loaded) return <p className="muted">Loading…</p>;
  const { document, timeline, similar, text } = loaded;
  const pages = typeof text === 'string' ? 0 : text.pages.length;
  const shown = Math.min(page, Math.max(pages, 1));
  // The edit is on the timeline now: read it again so the page shows it.
  const saved = (edited: DocumentView) => {
    setLoaded((current) => current && { ...current, document: edited });
    api.timeline(edited.id).then(
      ({ entries }) => setLoaded((current) => current && { ...current, timeline: entries }),
      (cause: Error) => setError(cause.message),
    );
  };
  const select = (name: string) => {
    setSelected(name);
    setPage(document.fields[name]?.page ?? page);
  };
  return (
    <article className="document">
      <h1 data-testid="document-title">{document.title ?? document.fileName}</h1>
      {document.title && (
        <p className="muted" data-testid="file-name">
          File: {document.fileName}
        </p>
      )}
      <p className="facts">
        <span className="status">{document.status}</span> <StalledBadge stalled={document.stalled} />{' '}
        <TypeBadge type={document.documentType} confidence={document.confidence} /> {document.mediaType}, {formatBytes(document.sizeBytes)}
        {document.pages !== null && `, ${document.pages} ${document.pages === 1 ? 'page' : 'pages'}`}
        {document.language && `, ${document.language}`}
        <Tags tags={document.tags} /> <OpenOriginal id={document.id} fileName={document.fileName} />
      </p>
      <DocumentEditor key={document.id} document={document} onSaved={saved} />
      {document.error && (
        <p className="error">
          {stageName(document.error.stage)} failed: {document.error.reason}
        </p>
      )}
      <div className="document-layout">
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          <DocumentPreview id={document.id} fileName={document.fileName} pages={pages} page={shown} onPage={setPage} />
        </section>
        <div>
          <section aria-labelledby="fields-heading">
            <h2 id="fields-heading">Extracted fields</h2>
            <FieldList fields={document.fields} selected={selected} onSelect={select} />
          </section>
          <section aria-labelledby="text-heading">
            <h2 id="text-heading">Text of page {shown}</h2>
            {typeof text === 'string' ? (
              <p className="muted">{text}</p>
            ) : (
              <PageText text={text} page={shown} fields={document.fields} selected={selected} />
            )}
          </section>
        </div>
      </div>
      <h2>Stages</h2>
      <ul className="stages">
        {document.stages.map((stage) => (
          <li key={stage.stage}>
            {stageName(stage.stage)}: {stage.status} {formatDuration(stage.durationMs)}
          </li>
        ))}
      </ul>
      <h2>Timeline</h2>
      <ol className="timeline" data-testid="timeline">
        {timeline.map((entry) => (
          <li key={entry.seq} data-type={entry.type}>
            <time dateTime={entry.occurredAt}>{new Date(entry.occurredAt).toLocaleTimeString()}</time> {describeEntry(entry)}
          </li>
        ))}
      </ol>
      <h2>Similar documents</h2>
      {typeof similar === 'string' ? (
        <p className="muted">{similar}</p>
      ) : similar.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="similar" data-testid="similar">
          {similar.map((hit) => (
            <li key={hit.documentId}>
              <Thumbnail id={hit.documentId} mediaType="" ready />
              <Link to={`/documents/${hit.documentId}`}>{hit.fileName}</Link> <TypeBadge type={hit.documentType} confidence={null} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
