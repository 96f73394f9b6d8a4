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
      <button type="button" onClick={load}>
        Refresh
      </button>
      {message && <p role="status">{message}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {deliveries?.length === 0 && <p className="muted">Nothing delivered yet.</p>}
      {deliveries && deliveries.length > 0 && (
        <ScrollRegion label="Deliveries">
          <table>
            <thead>
              <tr>
                <th>Event</th>
                <th>Document</th>
                <th>State</th>
                <th>Attempts</th>
                <th>Requested</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.deliveryId} data-testid="webhook-delivery" data-event={delivery.eventType} data-state={delivery.state}>
                  <td>
                    {delivery.eventType}
                    {delivery.redeliveryOf && <span className="muted"> (sent again)</span>}
                  </td>
                  <td>
                    <Link to={`/documents/${delivery.documentId}`}>{delivery.documentId.slice(0, 8)}…</Link>
                  </td>
                  <td>{delivery.state}</td>
                  <td className="attempts">{delivery.attempts.map(outcome).join(' → ') || '—'}</td>
                  <td>{new Date(delivery.requestedAt).toLocaleString()}</td>
                  <td>
                    {canRedeliver && delivery.state !== 'pending' && (
                      <button type="button" onClick={() => void redeliver(delivery)}>
                        Redeliver
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
