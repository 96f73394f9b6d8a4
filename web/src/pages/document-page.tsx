import { Badge, Group, List, SimpleGrid, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, type DocumentView, type ExtractedText, type SimilarResult, type TimelineEntry } from '../api';
import { Thumbnail } from '../authorized-image';
import { ErrorAlert, LabelledSection, Link, OpenOriginal, StalledBadge, Tags, TypeBadge } from '../components';
import { formatBytes, formatDuration } from '../format';
import { describeEntry, stageName } from '../timeline-text';
import { FieldList, PageText } from './document-evidence';
import { DocumentPreview } from './document-preview';
import { DocumentEditor } from './document-editor';
import { DocumentNote } from './document-note';

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

  if (error) return <ErrorAlert>{error}</ErrorAlert>;
  if (!loaded) return <Text c="dimmed">Loading…</Text>;
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
      <Title order={1} data-testid="document-title" style={{ overflowWrap: 'anywhere' }}>
        {document.title ?? document.fileName}
      </Title>
      {document.title && (
        <Text c="dimmed" size="sm" data-testid="file-name">
          File: {document.fileName}
        </Text>
      )}
      <Group className="facts" gap="xs" my="sm">
        <Badge component="span" variant="outline" className="status">
          {document.status}
        </Badge>
        <StalledBadge stalled={document.stalled} />
        <TypeBadge type={document.documentType} confidence={document.confidence} />
        <Text component="span" size="sm">
          {document.mediaType}, {formatBytes(document.sizeBytes)}
          {document.pages !== null && `, ${document.pages} ${document.pages === 1 ? 'page' : 'pages'}`}
          {document.language && `, ${document.language}`}
        </Text>
        <Tags tags={document.tags} />
        <OpenOriginal id={document.id} fileName={document.fileName} />
      </Group>
      <DocumentEditor key={document.id} document={document} onSaved={saved} />
      {document.error && (
        <ErrorAlert>
          {stageName(document.error.stage)} failed: {document.error.reason}
        </ErrorAlert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <LabelledSection title="Preview">
          <DocumentPreview id={document.id} fileName={document.fileName} pages={pages} page={shown} onPage={setPage} />
        </LabelledSection>
        <div>
          <LabelledSection title="Note">
            <DocumentNote key={document.id} document={document} onSaved={saved} />
          </LabelledSection>
          <LabelledSection title="Extracted fields">
            <FieldList fields={document.fields} selected={selected} onSelect={select} />
          </LabelledSection>
          <LabelledSection title={<>Text of page {shown}</>}>
            {typeof text === 'string' ? (
              <Text c="dimmed">{text}</Text>
            ) : (
              <PageText text={text} page={shown} fields={document.fields} selected={selected} />
            )}
          </LabelledSection>
        </div>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <div>
          <LabelledSection title="Stages">
            <List className="stages">
              {document.stages.map((stage) => (
                <List.Item key={stage.stage}>
                  {stageName(stage.stage)}: {stage.status} {formatDuration(stage.durationMs)}
                </List.Item>
              ))}
            </List>
          </LabelledSection>
          <LabelledSection title="Timeline">
            <List type="ordered" listStyleType="none" spacing={4} data-testid="timeline">
              {timeline.map((entry) => (
                <List.Item key={entry.seq} data-type={entry.type}>
                  <Text component="time" dateTime={entry.occurredAt} c="dimmed" size="sm">
                    {new Date(entry.occurredAt).toLocaleTimeString()}
                  </Text>{' '}
                  {describeEntry(entry)}
                </List.Item>
              ))}
            </List>
          </LabelledSection>
        </div>
        <LabelledSection title="Similar documents">
          <SimilarDocuments similar={similar} />
        </LabelledSection>
      </SimpleGrid>
    </article>
  );
}

/** The documents nearest to this one, each with its first page small, as search finds them. */
function SimilarDocuments({ similar }: { similar: Loaded['similar'] }) {
  if (typeof similar === 'string') return <Text c="dimmed">{similar}</Text>;
  if (similar.length === 0) return <Text c="dimmed">None yet.</Text>;
  return (
    <List listStyleType="none" spacing="xs" data-testid="similar">
      {similar.map((hit) => (
        <List.Item key={hit.documentId}>
          <Group gap="sm" wrap="nowrap" align="center">
            <Thumbnail id={hit.documentId} mediaType="" ready />
            <div style={{ overflowWrap: 'anywhere' }}>
              <Link to={`/documents/${hit.documentId}`}>{hit.fileName}</Link> <TypeBadge type={hit.documentType} confidence={null} />
            </div>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
