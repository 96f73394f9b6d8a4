import { randomBytes } from 'node:crypto';
import { connect } from 'amqplib';
import { type BrowserUi } from './support/browser-ui';

/** The Pipeline page, for an operator: queues, workers, the search index and dead letters. */
export function pipelineBehaviour(ui: BrowserUi): void {
  it('shows the pipeline’s queues, workers, throughput and dead letters to an operator once an admin key entered on the page is accepted, adding Pipeline and Keys to the header', async () => {
    const { page, gatewayUrl, key, adminKey, tenant, vhost, screenshot } = ui;
    const navLinks = () => page.locator('nav[aria-label="Main"] a').allInnerTexts();
    // Signed in with a tenant's key only: no link leads here, but the page's address still asks for an admin key.
    expect(await navLinks()).not.toContain('Pipeline');
    await page.goto(`${gatewayUrl}/pipeline`);
    await page.fill('input[name="admin-key"]', key);
    await page.click('form.admin-key button[type="submit"]');
    await page.waitForSelector('[role="alert"]:has-text("This key is not an admin key")');
    expect(await page.locator('table.pipeline').count()).toBe(0);
    expect(await navLinks()).not.toContain('Pipeline');
    await page.fill('input[name="admin-key"]', adminKey);
    await page.click('form.admin-key button[type="submit"]');
    // Accepted: the operators' pages join the header.
    await page.locator('nav a:text("Keys")').waitFor();
    expect(await navLinks()).toEqual(expect.arrayContaining(['Pipeline', 'Keys']));
    const extraction = page.locator('[data-queue="extraction.extract-text"]');
    await extraction.waitFor({ timeout: 10_000 });
    expect(Number(await extraction.locator('.consumers').innerText())).toBeGreaterThanOrEqual(1);
    // The search index under the queues, as indexing reports it: the embedded engine, no re-embedding under way.
    const index = page.locator('[data-testid="search-index-status"]');
    await index.waitFor({ timeout: 10_000 });
    expect(await index.innerText()).toContain('(lancedb)');
    expect(await index.locator('.reembedding').count()).toBe(0);
    expect(await page.locator('a:text("Open the RabbitMQ console")').getAttribute('href')).toBe('http://127.0.0.1:15672');
    expect(await extraction.locator('td.history svg').getAttribute('aria-label')).toMatch(
      /^Waiting in extraction\.extract-text over the last hour: at most \d+, now \d+$/,
    );

    // Throughput: every document of this run came into extraction as document.uploaded since the gateway started, so
    // extraction's arrivals of the last hour are at least the documents the tenant holds (more: deleted ones, reprocessing).
    const { total: documents } = (await (
      await fetch(`${gatewayUrl}/api/v1/documents?size=1`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as { total: number };
    expect(documents).toBeGreaterThanOrEqual(3);
    const arrivals = (await extraction.locator('td.arrivals svg').getAttribute('aria-label')) ?? '';
    const [, total, most] =
      /^Arrived in extraction\.extract-text over the last hour: (\d+) in all, at most (\d+) in 2 s$/.exec(arrivals) ?? [];
    expect(Number(total)).toBeGreaterThanOrEqual(documents);
    expect(Number(most)).toBeGreaterThanOrEqual(1);
    expect(await extraction.locator('.arrived-total').innerText()).toBe(total);

    // A message the extraction consumer gave up on, as its consumer leaves it in the DLQ (shared/events consumer.ts).
    const connection = await connect(vhost.url);
    const channel = await connection.createConfirmChannel();
    const messageId = randomBytes(8).toString('hex');
    channel.sendToQueue('extraction.extract-text.dlq', Buffer.from('{}'), {
      persistent: true,
      messageId,
      type: 'document.uploaded',
      headers: {
        'x-attempt': 5,
        'x-error-code': 'extraction_failed',
        'x-error-message': 'The PDF is damaged',
        'x-last-failure-at': new Date().toISOString(),
        'x-tenant-id': tenant,
      },
    });
    await channel.waitForConfirms();
    await connection.close();
    // Its dead letters so far: this one, and the broken PDF's two (extraction gives up on a damaged PDF at once).
    await extraction.locator('button:has-text("Show")').click();
    const letter = page.locator(`[data-testid="dead-letter-peek"] li[data-message-id="${messageId}"]`);
    await letter.waitFor();
    expect(await letter.innerText()).toContain('extraction_failed: The PDF is damaged');
    expect(await letter.innerText()).toContain(`document.uploaded of tenant ${tenant}, 5 attempts`);
    await screenshot('8-pipeline');
    await letter.locator('button:has-text("Redrive this one")').click();
    await page.waitForSelector('[data-testid="redrive-outcome"]:text("Sent 1 back to extraction.extract-text")');
  });
}
