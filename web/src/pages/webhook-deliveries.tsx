import { Button, Table, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { api, describeFailure, type WebhookDeliveryView } from '../api';
import { ErrorAlert, Link } from '../components';
import { ACTIONS, DataTable } from '../data-table';
import { useLoaded } from '../use-loaded';

type Attempt = WebhookDeliveryView['attempts'][number];

const outcome = (attempt: Attempt): string => (attempt.statusCode === null ? (attempt.error ?? 'no answer') : `HTTP ${attempt.statusCode}`);

/** One endpoint's deliveries, newest first, each with its attempts; any can be sent again as a new delivery. */
export function WebhookDeliveries({ endpointId, canRedeliver }: { endpointId: string; canRedeliver: boolean }) {
  const [message, setMessage] = useState<string | null>(null);
  const fetch = useCallback(() => api.webhooks.deliveries(endpointId), [endpointId]);
  const { value: listed, error, setError, reload: load } = useLoaded(fetch, describeFailure);
  const deliveries = listed?.items ?? null;

  const redeliver = (delivery: WebhookDeliveryView) =>
    api.webhooks.redeliver(endpointId, delivery.deliveryId).then(
      () => {
        setMessage(`Sent ${delivery.eventType} again as a new delivery.`);
        load();
      },
      (cause: unknown) => setError(describeFailure(cause)),
    );

  return (
    <div className="webhook-deliveries" data-testid="webhook-deliveries">
      <Button size="compact-sm" variant="default" onClick={load}>
        Refresh
      </Button>
      {message && (
        <Text role="status" my="xs">
          {message}
        </Text>
      )}
      <ErrorAlert>{error}</ErrorAlert>
      {deliveries?.length === 0 && <Text c="dimmed">Nothing delivered yet.</Text>}
      {deliveries && deliveries.length > 0 && (
        <DataTable label="Deliveries" columns={['Event', 'Document', 'State', 'Attempts', 'Requested', ACTIONS]}>
          {deliveries.map((delivery) => (
            <Table.Tr key={delivery.deliveryId} data-testid="webhook-delivery" data-event={delivery.eventType} data-state={delivery.state}>
              <Table.Td>
                {delivery.eventType}
                {delivery.redeliveryOf && (
                  <Text component="span" c="dimmed" size="sm">
                    {' '}
                    (sent again)
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Link to={`/documents/${delivery.documentId}`}>{delivery.documentId.slice(0, 8)}…</Link>
              </Table.Td>
              <Table.Td>{delivery.state}</Table.Td>
              <Table.Td className="attempts">{delivery.attempts.map(outcome).join(' → ') || '—'}</Table.Td>
              <Table.Td>{new Date(delivery.requestedAt).toLocaleString()}</Table.Td>
              <Table.Td>
                {canRedeliver && delivery.state !== 'pending' && (
                  <Button size="compact-sm" variant="default" onClick={() => void redeliver(delivery)}>
                    Redeliver
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
