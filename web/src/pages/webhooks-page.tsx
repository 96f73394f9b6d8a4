import { Button, Table, Text, Title } from '@mantine/core';
import { Fragment, useState } from 'react';
import { api, ApiError, type NewWebhook, type RegisteredWebhook, type WebhookView } from '../api';
import { ActionNotice, ShownOnce } from '../components';
import { ACTIONS, DataTable } from '../data-table';
import { ConfirmButton } from '../confirm-button';
import { useLoaded } from '../use-loaded';
import { WebhookDeliveries } from './webhook-deliveries';
import { EVENT_LABELS, WebhookForm } from './webhook-form';

const NEEDS_ADMIN =
  'Webhooks are managed with a key that has the admin scope for this tenant: an operator can make one on the Keys page. Sign in with it to register endpoints.';

function state(webhook: WebhookView): string {
  if (!webhook.disabled) return webhook.state;
  return `disabled ${new Date(webhook.disabled.at).toLocaleString()}: ${webhook.disabled.reason}`;
}

/** The signed-in tenant's webhooks: registered (secret shown once), listed with their state, their deliveries, removed. */
export function WebhooksPage() {
  const [registered, setRegistered] = useState<RegisteredWebhook | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { value: listed, error, setError, reload: load } = useLoaded(api.webhooks.list, webhooksFailure);
  const webhooks = listed?.items ?? null;

  const register = (draft: NewWebhook) => {
    setBusy(true);
    setOutcome(null);
    api.webhooks
      .register(draft)
      .then(
        (next) => {
          setRegistered(next);
          setOutcome(`Registered ${next.url}.`);
          setError(null);
          load();
        },
        (cause: unknown) => setError(webhooksFailure(cause)),
      )
      .finally(() => setBusy(false));
  };
  const remove = (webhook: WebhookView) => {
    api.webhooks.remove(webhook.endpointId).then(
      () => {
        setRegistered(null);
        setOutcome(`Removed ${webhook.url}.`);
        load();
      },
      (cause: unknown) => setError(webhooksFailure(cause)),
    );
  };

  const enable = (webhook: WebhookView) =>
    api.webhooks.enable(webhook.endpointId).then(
      () => {
        setOutcome(`Enabled ${webhook.url}: new events are delivered again; what was abandoned waits in the dead letters to be redriven.`);
        load();
      },
      (cause: unknown) => setError(webhooksFailure(cause)),
    );

  return (
    <section>
      <Title order={1}>Webhooks</Title>
      <Text c="dimmed">
        Each event you choose about this tenant’s documents is POSTed to your URL as JSON, signed with the endpoint’s secret
        (Docpipe-Signature), and retried with backoff; an endpoint that keeps failing is disabled with the reason.
      </Text>
      <ActionNotice error={error} outcome={outcome} testId="webhook-outcome" />
      {registered && (
        <ShownOnce secret={registered.secret} testId="webhook-secret">
          The signing secret of this endpoint, shown only this once: keep it where your receiver checks signatures.
        </ShownOnce>
      )}
      {webhooks && (
        <>
          <Title order={2}>New endpoint</Title>
          <WebhookForm busy={busy} onRegister={register} />
          <Title order={2}>Endpoints</Title>
          {webhooks.length === 0 && <Text c="dimmed">No webhook yet.</Text>}
          {webhooks.length > 0 && (
            <DataTable label="Webhooks" className="webhooks" columns={['URL', 'Events', 'State', 'Created', ACTIONS]}>
              {webhooks.map((webhook) => (
                <Fragment key={webhook.endpointId}>
                  <Table.Tr data-testid="webhook" data-url={webhook.url} data-state={webhook.state}>
                    <Table.Td className="url">
                      {webhook.url}
                      {webhook.description && (
                        <Text c="dimmed" size="sm">
                          {webhook.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{webhook.eventTypes.map((type) => EVENT_LABELS[type]).join(', ')}</Table.Td>
                    <Table.Td className="state">{state(webhook)}</Table.Td>
                    <Table.Td>{new Date(webhook.createdAt).toLocaleDateString()}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-expanded={open === webhook.endpointId}
                        onClick={() => setOpen(open === webhook.endpointId ? null : webhook.endpointId)}
                      >
                        Deliveries
                      </Button>{' '}
                      {webhook.state === 'disabled' && (
                        <>
                          <Button size="compact-sm" variant="default" onClick={() => void enable(webhook)}>
                            Enable
                          </Button>{' '}
                        </>
                      )}
                      <ConfirmButton
                        title="Remove this webhook?"
                        message={`Nothing more is sent to ${webhook.url}, and its delivery log goes with it.`}
                        onConfirm={() => remove(webhook)}
                      >
                        Remove
                      </ConfirmButton>
                    </Table.Td>
                  </Table.Tr>
                  {open === webhook.endpointId && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <WebhookDeliveries endpointId={webhook.endpointId} canRedeliver={webhook.state === 'active'} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}

function webhooksFailure(cause: unknown): string {
  if (cause instanceof ApiError && cause.status === 403) return NEEDS_ADMIN;
  return (cause as Error).message;
}
