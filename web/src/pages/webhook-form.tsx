import { Button, Checkbox, Fieldset, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { NewWebhook, WebhookEventType } from '../api';
import { FormRow } from '../form-row';

/** Every event a webhook can subscribe to, as a person reads it; a Record, so a type added to the contract needs a label here. */
export const EVENT_LABELS: Record<WebhookEventType, string> = {
  'document.uploaded': 'uploaded',
  'document.rejected': 'rejected at the door',
  'document.extracted': 'text extracted',
  'document.classified': 'classified',
  'document.indexed': 'indexed (searchable)',
  'document.failed': 'failed',
  'document.deleted': 'deleted',
  'document.type-corrected': 'type corrected by hand',
};
const EVENT_TYPES = Object.keys(EVENT_LABELS) as WebhookEventType[];

/** A new endpoint: its URL (https, a public address), what it is for, and the events it receives. */
export function WebhookForm({ busy, onRegister }: { busy: boolean; onRegister: (webhook: NewWebhook) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [eventTypes, setEventTypes] = useState<WebhookEventType[]>(['document.indexed', 'document.failed']);
  const toggle = (type: WebhookEventType, on: boolean) =>
    setEventTypes((current) => (on ? [...current, type] : current.filter((kept) => kept !== type)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRegister({ url: url.trim(), description: description.trim(), eventTypes });
  };
  return (
    <FormRow className="webhook-form" onSubmit={submit}>
      <TextInput
        w="100%"
        name="url"
        type="url"
        label="URL"
        placeholder="https://example.com/docpipe-events"
        value={url}
        onChange={(event) => setUrl(event.currentTarget.value)}
        required
      />
      <TextInput
        name="description"
        label="Description"
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
        maxLength={200}
      />
      <Fieldset legend="Events" variant="unstyled">
        {EVENT_TYPES.map((type) => (
          <Checkbox
            key={type}
            name="event-type"
            value={type}
            label={EVENT_LABELS[type]}
            my={4}
            checked={eventTypes.includes(type)}
            onChange={(event) => toggle(type, event.currentTarget.checked)}
          />
        ))}
      </Fieldset>
      <Button type="submit" disabled={busy || eventTypes.length === 0}>
        Register
      </Button>
    </FormRow>
  );
}
