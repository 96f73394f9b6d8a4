import { Alert, Anchor, Badge, Button, Code, CopyButton, Group, Mark, Paper, Table, Text, Title, type AnchorProps } from '@mantine/core';
import { useId, useState, type MouseEvent, type ReactNode } from 'react';
import { api, type Stalled } from './api';
import { formatConfidence } from './format';
import { navigate } from './router';

/** An in-app link's click handler: history navigation, unless the user asked for a new tab or window. */
const follow = (to: string) => (event: MouseEvent) => {
  if (event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  navigate(to);
};

export function Link({
  to,
  children,
  current,
  ...props
}: { to: string; children: ReactNode; current?: 'page' | 'true'; className?: string; title?: string } & AnchorProps) {
  return (
    <Anchor href={to} onClick={follow(to)} aria-current={current} {...props}>
      {children}
    </Anchor>
  );
}

export function TypeBadge({ type, confidence }: { type: string | null; confidence: number | null }) {
  if (!type) return null;
  return (
    <Badge component="span" variant="light" data-testid="type-badge">
      {type} {formatConfidence(confidence)}
    </Badge>
  );
}

/** A document's tags, each a small badge with the class the list and the browser tests find them by. */
export function Tags({ tags }: { tags: readonly string[] }) {
  return tags.map((tag) => (
    <Badge key={tag} component="span" variant="default" radius="sm" className="tag" mr={4}>
      {tag}
    </Badge>
  ));
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
    <Group component="span" gap={4} display="inline-flex">
      <Button size="compact-sm" variant="default" onClick={() => void open(false)}>
        Open
      </Button>
      <Button size="compact-sm" variant="default" onClick={() => void open(true)}>
        Download
      </Button>
      {error && (
        <Text component="span" size="sm" c="error">
          {error}
        </Text>
      )}
    </Group>
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
  return <span>{parts.map((part, i) => (i % 2 === 1 ? <Mark key={i}>{part}</Mark> : part))}</span>;
}

/** Shown while a document sits in one status past its time budget (the metadata service's stall detector). */
export function StalledBadge({ stalled }: { stalled: Stalled | null | undefined }) {
  if (!stalled) return null;
  const since = new Date(stalled.since);
  return (
    <Badge
      component="span"
      color="yellow"
      data-testid="stalled"
      title={`Budget ${stalled.budgetSeconds} s; ${stalled.status} since ${since.toLocaleString()}`}
    >
      stalled in {stalled.stage} since {since.toLocaleTimeString()}
    </Badge>
  );
}

/** Previous and next as links with the page in the URL, so each page can be bookmarked or opened in a new tab. */
export function PageLinks({
  label,
  previous,
  next,
  children,
}: {
  label: string;
  previous: string | null;
  next: string | null;
  /** Where the reader is, between the two links. */
  children?: ReactNode;
}) {
  const step = (to: string | null, text: string) =>
    to ? (
      <Link to={to}>{text}</Link>
    ) : (
      <Text component="span" c="dimmed" aria-hidden>
        {text}
      </Text>
    );
  return (
    <Group component="nav" className="pager" aria-label={label} justify="center" gap="md" py="sm">
      {step(previous, '← Previous')}
      {children}
      {step(next, 'Next →')}
    </Group>
  );
}

/** A wide table scrolls inside itself at phone width, not the page; focusable so a keyboard can scroll it too. */
export function ScrollRegion({ label, minWidth = 0, children }: { label: string; minWidth?: number; children: ReactNode }) {
  return (
    <Table.ScrollContainer type="native" minWidth={minWidth} className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </Table.ScrollContainer>
  );
}

/** A failure in words, as an alert: announced at once, and the place the user looks for what went wrong. */
export function ErrorAlert({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <Alert color="red" variant="light" my="sm">
      {children}
    </Alert>
  );
}

/** What the last action on a page said: its failure as an alert, else its outcome as a status; nothing when neither. */
export function ActionNotice({ error, outcome, testId }: { error: string | null; outcome: string | null; testId: string }) {
  return (
    <>
      <ErrorAlert>{error}</ErrorAlert>
      {outcome && (
        <Text role="status" data-testid={testId} my="sm">
          {outcome}
        </Text>
      )}
    </>
  );
}

/** A secret the server shows only once (a new API key, a webhook's signing secret), with a Copy button. */
export function ShownOnce({ secret, testId, children }: { secret: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" my="md" data-testid={testId}>
      <Text mb="xs">{children}</Text>
      <Group gap="sm" wrap="nowrap" align="center">
        <Code style={{ overflowWrap: 'anywhere' }}>{secret}</Code>
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant="default" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Paper>
  );
}

/** A part of a page under its own heading, named by it: a landmark a screen reader lists and jumps to by that name. */
export function LabelledSection({ title, children }: { title: ReactNode; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} id={headingId}>
        {title}
      </Title>
      {children}
    </section>
  );
}
