import { waitFor } from '@docpipe/testing';
import { type BrowserUi } from './support/browser-ui';

/** The Webhooks page, for a tenant admin: endpoints registered, their deliveries followed and sent again. */
export function webhooksBehaviour(ui: BrowserUi): void {
  it('lets a tenant admin register a webhook, its secret shown once, follow its deliveries and send one again', async () => {
    const { page, gatewayUrl, key, adminKey, tenant, receiver, screenshot, confirm } = ui;
    // A tenant's plain key: no link leads to the webhooks, and their address says what key they need.
    expect(await page.locator('nav a:text("Webhooks")').count()).toBe(0);
    await page.goto(`${gatewayUrl}/webhooks`);
    await page.waitForSelector('[role="alert"]:has-text("admin scope for this tenant")');

    // The operator makes this tenant a key with the admin scope; the tenant signs in with it.
    const made = await fetch(`${gatewayUrl}/api/v1/admin/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: tenant, name: 'tenant admin', scopes: ['read', 'write', 'admin'] }),
    });
    const tenantAdmin = ((await made.json()) as { key: string }).key;
    await page.click('button.sign-out');
    await page.fill('input[name="apiKey"]', tenantAdmin);
    await page.click('.api-key button[type="submit"]');
    // The gateway says this key administers its tenant: the header leads to the webhooks.
    await page.click('nav a:text("Webhooks")');
    await page.waitForSelector('form.webhook-form');

    const url = receiver.url('/ui');
    await page.fill('form.webhook-form input[name="url"]', url);
    await page.fill('form.webhook-form input[name="description"]', 'the bookkeeping app');
    await page.click('form.webhook-form button[type="submit"]');
    expect(await page.locator('[data-testid="webhook-secret"] code').innerText()).toMatch(/^whsec_/);
    const webhook = page.locator(`[data-testid="webhook"][data-url="${url}"]`);
    await webhook.waitFor();
    expect(await webhook.innerText()).toMatch(/indexed \(searchable\), failed\s+active/);

    const form = new FormData();
    form.append('files', new Blob(['Reminder: the boathouse keys are with the harbour master.']), 'hook-note.txt');
    const uploaded = await fetch(`${gatewayUrl}/api/v1/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: form,
    });
    const documentId = ((await uploaded.json()) as { documents: Array<{ id: string }> }).documents[0]!.id;
    const indexedEvents = () =>
      receiver.received.filter((hook) => hook.body.documentId === documentId && hook.body.type === 'document.indexed');
    await waitFor(async () => (indexedEvents().length === 1 ? true : undefined), 'the document.indexed delivery', 90_000);

    await webhook.locator('button:has-text("Deliveries")').click();
    const delivered = page.locator('[data-testid="webhook-delivery"][data-event="document.indexed"][data-state="delivered"]');
    await waitFor(async () => {
      await page.click('[data-testid="webhook-deliveries"] button:has-text("Refresh")');
      return (await delivered.count()) === 1 ? true : undefined;
    }, 'the delivery in the log');
    expect(await delivered.locator('.attempts').innerText()).toBe('HTTP 204');
    await screenshot('13-webhooks');

    await delivered.locator('button:has-text("Redeliver")').click();
    await page.waitForSelector('[role="status"]:text("Sent document.indexed again")');
    await waitFor(async () => (indexedEvents().length === 2 ? true : undefined), 'the redelivery');

    // A receiver that keeps failing: the delivery is abandoned and the endpoint disabled, with the reason shown.
    receiver.answer(() => 500);
    const failing = new FormData();
    failing.append('files', new Blob(['The slipway is closed for repairs until Friday.']), 'slipway.txt');
    await fetch(`${gatewayUrl}/api/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: failing });
    await waitFor(
      async () => {
        await page.reload();
        await webhook.waitFor();
        return (await webhook.getAttribute('data-state')) === 'disabled' ? true : undefined;
      },
      'the endpoint disabled',
      60_000,
    );
    expect(await webhook.locator('.state').innerText()).toMatch(/^disabled .+: .+/);
    receiver.answer(() => 204);
    await webhook.locator('button:has-text("Enable")').click();
    await page.waitForSelector('[data-testid="webhook-outcome"]:text("new events are delivered again")');
    await page.waitForSelector(`[data-testid="webhook"][data-url="${url}"][data-state="active"]`);

    await webhook.locator('button:has-text("Remove")').click();
    await confirm('Remove');
    await page.waitForSelector(`[data-testid="webhook-outcome"]:text("Removed ${url}.")`);
    await webhook.waitFor({ state: 'detached' });
  });
}
