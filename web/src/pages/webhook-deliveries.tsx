import { Button, Table } from '@mantine/core';
import { useCallback, useState } from 'react';
import { api, describeFailure, type WebhookDeliveryView } from '../api';
import { Link, ScrollRegion } from '../components';
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
      {message && <p role="status">{message}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {deliveries?.length === 0 && <p className="muted">Nothing delivered yet.</p>}
      {deliveries && deliveries.length > 0 && (
        <ScrollRegion label="Deliveries">
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Event</Table.Th>
                <Table.Th>Document</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Requested</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.map((delivery) => (
                <Table.Tr
                  key={delivery.deliveryId}
                  data-testid="webhook-delivery"
                  data-event={delivery.eventType}
                  data-state={delivery.state}
                >
                  <Table.Td>
                    {delivery.eventType}
                    {delivery.redeliveryOf && <span className="muted"> (sent again)</span>}
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
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </div>
  );
}
