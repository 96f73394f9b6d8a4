import { Button, Checkbox, Fieldset, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ApiKeyScope, NewApiKey } from '../api';
import { FormRow } from '../form-row';
import { dayInstant } from '../list-filters';

const SCOPES: Array<[ApiKeyScope, string]> = [
  ['read', 'read: list, search, ask, download'],
  ['write', 'write: upload, edit, reprocess, delete'],
  ['admin', 'admin of its tenant: webhooks'],
];

/** A new key's tenant, name, scopes and optional last day; the key itself comes back once, from the gateway. */
export function ApiKeyForm({ busy, onCreate }: { busy: boolean; onCreate: (key: NewApiKey) => void }) {
  const [tenantId, setTenantId] = useState('');
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['read', 'write']);
  const [lastDay, setLastDay] = useState('');
  const toggle = (scope: ApiKeyScope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((kept) => kept !== scope)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A key stays valid through its last day, in UTC, like the list's date filters.
    onCreate({ tenantId: tenantId.trim(), name: name.trim(), scopes, expiresAt: dayInstant(lastDay, true) ?? null });
  };
  return (
    <FormRow className="api-key-form" onSubmit={submit}>
      <TextInput name="tenant" label="Tenant" value={tenantId} onChange={(event) => setTenantId(event.currentTarget.value)} required />
      <TextInput name="name" label="Name" value={name} onChange={(event) => setName(event.currentTarget.value)} maxLength={100} required />
      <Fieldset legend="Scopes" variant="unstyled">
        {SCOPES.map(([scope, label]) => (
          <Checkbox
            key={scope}
            name="scope"
            value={scope}
            label={label}
            my={4}
            checked={scopes.includes(scope)}
            onChange={(event) => toggle(scope, event.currentTarget.checked)}
          />
        ))}
      </Fieldset>
      <TextInput
        name="last-day"
        type="date"
        label="Valid until"
        value={lastDay}
        onChange={(event) => setLastDay(event.currentTarget.value)}
      />
      <Button type="submit" disabled={busy || scopes.length === 0}>
        Create key
      </Button>
    </FormRow>
  );
}
