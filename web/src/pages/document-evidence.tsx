import { Button, Code, Mark, Table, Text } from '@mantine/core';
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
  if (entries.length === 0) return <Text c="dimmed">No fields were extracted.</Text>;
  return (
    <Table variant="vertical" layout="fixed" withTableBorder={false} data-testid="fields" mb="md">
      <Table.Tbody>
        {entries.map(([name, field]) => (
          <Table.Tr key={name} data-field={name} bg={selected === name ? 'var(--mantine-primary-color-light)' : undefined}>
            <Table.Th w="35%">{label(name)}</Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              <span className="value">{field.value}</span>
              {field.confidence !== undefined && (
                <Text component="span" c="dimmed" size="sm">
                  {' '}
                  {formatConfidence(field.confidence)} sure
                </Text>
              )}
              {hasEvidence(field) && (
                <Button variant="subtle" size="compact-xs" ml={4} onClick={() => onSelect(name)} aria-pressed={selected === name}>
                  show on page {field.page}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
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
      <Mark
        key={span.name}
        title={label(span.name)}
        data-evidence={span.name}
        color={span.name === selected ? 'orange' : 'yellow'}
        className={span.name === selected ? 'selected' : undefined}
      >
        {text.slice(span.start, span.end)}
      </Mark>,
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
  if (!pageText) return <Text c="dimmed">No text on page {page}.</Text>;
  const spans = Object.entries(fields).flatMap(([name, field]) =>
    field.page === page && field.start !== null && field.end !== null ? [{ name, start: field.start, end: field.end }] : [],
  );
  return (
    <section data-testid="page-text" aria-label={`Text of page ${page}`}>
      {pageText.ocr && (
        <Text c="dimmed" size="sm">
          Read by OCR.
        </Text>
      )}
      <Code block ref={container} tabIndex={0} className="page-text" mah="24rem" fz="sm">
        {markedText(pageText.text, spans, selected)}
      </Code>
    </section>
  );
}
