import { useState, type FormEvent } from 'react';
import type { NewWebhook, WebhookEventType } from '../api';

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
    <form className="webhook-form" onSubmit={submit}>
      <label className="query">
        URL{' '}
        <input
          name="url"
          type="url"
          placeholder="https://example.com/docpipe-events"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          required
        />
      </label>
      <label>
        Description{' '}
        <input name="description" value={description} onChange={(event) => setDescription(event.target.value)} maxLength={200} />
      </label>
      <fieldset>
        <legend>Events</legend>
        {EVENT_TYPES.map((type) => (
          <label key={type}>
            <input
              type="checkbox"
              name="event-type"
              value={type}
              checked={eventTypes.includes(type)}
              onChange={(event) => toggle(type, event.target.checked)}
            />{' '}
            {EVENT_LABELS[type]}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy || eventTypes.length === 0}>
        Register
      </button>
    </form>
  );
}
