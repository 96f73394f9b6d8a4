import { Button, Checkbox, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Thumbnail } from '../authorized-image';
import { Link, StalledBadge, Tags, TypeBadge } from '../components';
import { ConfirmButton } from '../confirm-button';
import { formatBytes, formatDuration } from '../format';
import { isFinal, STAGES, type DocumentRow } from '../live-documents';

/** Before extraction there is no thumbnail to ask for. */
const NOT_DRAWN = new Set(['queued', 'extracting']);

interface RowActions {
  onRetry: (id: string) => Promise<void>;
  onCancel: (id: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}

interface Selection {
  selected: boolean;
  onSelect: (id: string, selected: boolean) => void;
}

export function Row({ row, selected, onSelect, onRetry, onCancel, onDelete }: { row: DocumentRow } & Selection & RowActions) {
  const { summary } = row;
  const [actionError, setActionError] = useState<string | null>(null);
  // What the last action did, said next to it (and to screen readers): a click with no visible answer reads as broken.
  const [outcome, setOutcome] = useState<string | null>(null);
  const act = (action: (id: string) => Promise<void>, done: string) => () => {
    setActionError(null);
    setOutcome(null);
    action(summary.id).then(
      () => setOutcome(done),
      (error: Error) => setActionError(error.message),
    );
  };
  return (
    <Table.Tr data-testid="document-row" data-file-name={summary.fileName} data-status={summary.status} data-last-seq={row.lastSeq}>
      <Table.Td className="select">
        <Checkbox
          aria-label={`Select ${summary.title ?? summary.fileName}`}
          checked={selected}
          onChange={(event) => onSelect(summary.id, event.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td className="file">
        <Thumbnail id={summary.id} mediaType={summary.mediaType} ready={!NOT_DRAWN.has(summary.status)} />
        <div>
          <Link to={`/documents/${summary.id}`}>{summary.title ?? summary.fileName}</Link>
          <Text c="dimmed" size="sm">
            {summary.title && `${summary.fileName}, `}
            {formatBytes(summary.sizeBytes)}
          </Text>
        </div>
      </Table.Td>
      <Table.Td className="status">
        {summary.status} <StalledBadge stalled={summary.stalled} />
      </Table.Td>
      {STAGES.map((stage) => (
        <Table.Td
          key={stage}
          className={`stage stage-${row.stages[stage].status}`}
          data-stage={stage}
          data-stage-status={row.stages[stage].status}
        >
          {row.stages[stage].status}
          <Text c="dimmed" size="sm" className="duration">
            {formatDuration(row.stages[stage].durationMs)}
          </Text>
        </Table.Td>
      ))}
      <Table.Td>
        <TypeBadge type={summary.documentType} confidence={summary.confidence} />
      </Table.Td>
      <Table.Td className="tags" data-testid="tags">
        <Tags tags={summary.tags} />
      </Table.Td>
      <Table.Td className="actions">
        {row.error && (
          <Text component="span" c="error" data-testid="failure">
            {row.error.stage}: {row.error.reason}
          </Text>
        )}
        {row.error && !row.error.retryable && (
          <Text component="span" c="dimmed" size="sm">
            {' '}
            Processing it again will likely fail the same way unless the file is fixed.
          </Text>
        )}
        <span className="buttons">
          {summary.status === 'failed' && (
            <Button size="compact-sm" variant="default" onClick={act(onRetry, 'Queued to be processed again')}>
              Retry
            </Button>
          )}
          {summary.status === 'cancelled' && (
            <Button size="compact-sm" variant="default" onClick={act(onRetry, 'Queued to be processed again')}>
              Restart
            </Button>
          )}
          {!isFinal(summary.status) && (
            <Button size="compact-sm" variant="default" onClick={act(onCancel, 'Cancelled')}>
              Cancel
            </Button>
          )}
          <ConfirmButton
            title={`Delete ${summary.fileName}?`}
            message="Its original, text and search entries are removed."
            onConfirm={act(onDelete, 'Deleted')}
          >
            Delete
          </ConfirmButton>
        </span>
        <Text component="span" role="status" c="dimmed" size="sm" data-testid="action-outcome">
          {outcome}
        </Text>
        {actionError && (
          <Text component="span" c="error">
            {actionError}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
