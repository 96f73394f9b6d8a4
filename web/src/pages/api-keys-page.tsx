import { Button, Table, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { api, describeAdminFailure, type ApiKeyView, type IssuedApiKey, type NewApiKey } from '../api';
import { ActionNotice, ShownOnce } from '../components';
import { ACTIONS, DataTable } from '../data-table';
import { ConfirmButton } from '../confirm-button';
import { useAdminKey } from '../use-admin-key';
import { useLoaded } from '../use-loaded';
import { AdminKeyForm } from './admin-key-form';
import { ApiKeyForm } from './api-key-form';

const day = (instant: string | null): string => (instant ? new Date(instant).toLocaleDateString() : '—');

function state(key: ApiKeyView): string {
  if (key.revokedAt) return `revoked ${new Date(key.revokedAt).toLocaleString()}`;
  if (key.expiresAt && Date.parse(key.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}

/** API keys managed at run time: created (the key shown once), listed, rotated and revoked by an admin. */
export function ApiKeysPage() {
  const key = useAdminKey();
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Asked again whenever the admin key changes (the request carries it); forgotten when asking fails: a list this
  // key may not see must not stay on screen. `key` is not read here: the request reads adminKey, which it mirrors.
  const list = useCallback(() => api.apiKeys.list(), [key]);
  const {
    value: listed,
    error,
    setError,
    reload: load,
  } = useLoaded(list, describeAdminFailure, { enabled: Boolean(key), keepOnFailure: false });
  // A key the gateway refused meanwhile is forgotten (api.ts): what it listed must go with it.
  const keys = key ? (listed?.items ?? null) : null;

  const act = (work: () => Promise<{ message: string; issued?: IssuedApiKey }>) => {
    setBusy(true);
    setOutcome(null);
    work()
      .then(
        ({ message, issued: next }) => {
          setIssued(next ?? null);
          setOutcome(message);
          setError(null);
          load();
        },
        (cause: unknown) => setError(describeAdminFailure(cause)),
      )
      .finally(() => setBusy(false));
  };
  const create = (draft: NewApiKey) =>
    act(async () => {
      const next = await api.apiKeys.create(draft);
      return { message: `Created “${next.name}” for ${next.tenantId}.`, issued: next };
    });
  const rotate = (old: ApiKeyView) =>
    act(async () => {
      const next = await api.apiKeys.rotate(old.keyId);
      return { message: `Rotated “${old.name}”: ${old.prefix}… is revoked, ${next.prefix}… replaces it.`, issued: next };
    });
  const revoke = (old: ApiKeyView) => {
    act(async () => {
      await api.apiKeys.revoke(old.keyId);
      return { message: `Revoked “${old.name}” (${old.prefix}…).` };
    });
  };

  return (
    <section>
      <Title order={1}>API keys</Title>
      <AdminKeyForm note="one of ADMIN_API_KEYS; keys made here are accepted or refused everywhere within seconds" />
      {!key && <Text c="dimmed">Enter an admin key to manage the tenants’ API keys.</Text>}
      <ActionNotice error={error} outcome={outcome} testId="key-outcome" />
      {issued && (
        <ShownOnce secret={issued.key} testId="issued-key">
          The new key for <strong>{issued.tenantId}</strong>, shown only this once: copy it now.
        </ShownOnce>
      )}
      {keys && (
        <>
          <Title order={2}>New key</Title>
          <ApiKeyForm busy={busy} onCreate={create} />
          <Title order={2}>Keys</Title>
          {keys.length === 0 && <Text c="dimmed">No key has been made here yet (the keys of API_KEYS are not listed).</Text>}
          {keys.length > 0 && (
            <DataTable
              label="API keys"
              className="api-keys"
              columns={['Name', 'Tenant', 'Key', 'Scopes', 'Created', 'Valid until', 'Last used', 'State', ACTIONS]}
            >
              {keys.map((view) => (
                <Table.Tr key={view.keyId} data-testid="api-key" data-prefix={view.prefix}>
                  <Table.Td>{view.name}</Table.Td>
                  <Table.Td>{view.tenantId}</Table.Td>
                  <Table.Td>
                    <code>{view.prefix}…</code>
                  </Table.Td>
                  <Table.Td>{view.scopes.join(', ')}</Table.Td>
                  <Table.Td>
                    {day(view.createdAt)}{' '}
                    <Text component="span" c="dimmed" size="sm">
                      by {view.createdBy}
                    </Text>
                  </Table.Td>
                  <Table.Td>{day(view.expiresAt)}</Table.Td>
                  <Table.Td className="last-used">{view.lastUsedAt ? new Date(view.lastUsedAt).toLocaleString() : 'never'}</Table.Td>
                  <Table.Td className="state">{state(view)}</Table.Td>
                  <Table.Td>
                    {!view.revokedAt && (
                      <>
                        <Button size="compact-sm" variant="default" disabled={busy} onClick={() => rotate(view)}>
                          Rotate
                        </Button>{' '}
                        <ConfirmButton
                          disabled={busy}
                          title={`Revoke “${view.name}”?`}
                          message={`${view.prefix}… of ${view.tenantId}: every request with it is refused within seconds.`}
                          onConfirm={() => revoke(view)}
                        >
                          Revoke
                        </ConfirmButton>
                      </>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}
