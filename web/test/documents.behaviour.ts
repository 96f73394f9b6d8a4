import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { row, type BrowserUi } from './support/browser-ui';
import { memo, minutes, notice, offline, scannedPage } from './support/samples';

/** The Documents page as files arrive: uploads, live progress through a reload and a lost connection, cancel and retry. */
export function documentsBehaviour(ui: BrowserUi): void {
  it('takes the API key, uploads two files through the page and shows both reach indexed without a reload', async () => {
    const { page, gatewayUrl, key, screenshot } = ui;
    await page.goto(gatewayUrl);
    await page.fill('input[name="apiKey"]', key);
    await page.click('.api-key button[type="submit"]');
    await page.waitForSelector('[data-testid="connection"]:has-text("live")');
    await page.evaluate(() => Object.assign(window, { sameLoad: true }));

    await page.fill('input[name="upload-tags"]', 'garden, facilities');
    await page.setInputFiles('[data-testid="file-input"]', [
      { name: 'heliotrope-memo.txt', mimeType: 'text/plain', buffer: Buffer.from(memo) },
      { name: 'rowing-minutes.txt', mimeType: 'text/plain', buffer: Buffer.from(minutes) },
    ]);
    await page.waitForSelector(row('heliotrope-memo.txt'));
    await page.waitForSelector(row('rowing-minutes.txt'));
    await screenshot('1-uploaded');
    expect(await page.locator('.uploads li[data-state="accepted"]').count()).toBe(2);

    await page.waitForSelector(row('heliotrope-memo.txt', 'indexed'), { timeout: 90_000 });
    await page.waitForSelector(row('rowing-minutes.txt', 'indexed'), { timeout: 90_000 });
    await screenshot('2-indexed');
    expect(await page.evaluate(() => (window as unknown as { sameLoad?: boolean }).sameLoad)).toBe(true);
    const memoRow = page.locator(row('heliotrope-memo.txt'));
    for (const stage of ['ingestion', 'extraction', 'classification', 'indexing']) {
      expect(await memoRow.locator(`[data-stage="${stage}"]`).getAttribute('data-stage-status')).toBe('done');
    }
    expect(await memoRow.locator('[data-stage="extraction"] .duration').innerText()).toMatch(/\d+(\.\d)? m?s/);
    expect(await memoRow.locator('[data-testid="type-badge"]').innerText()).toMatch(/\S+ \d+%/);
    expect((await memoRow.locator('.tag').allInnerTexts()).sort()).toEqual(['facilities', 'garden']);
  });

  it('takes a dropped file, shows the right state after a reload in the middle of processing, then follows the document live', async () => {
    const { page, screenshot } = ui;
    // Dropped on the drop zone this time, as a file dragged from the desktop arrives.
    const dropped = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'water-notice.txt', { type: 'text/plain' }));
      return transfer;
    }, notice);
    await page.dispatchEvent('.dropzone', 'drop', { dataTransfer: dropped });
    await page.waitForSelector(row('water-notice.txt'));
    const statusBeforeReload = await page.locator(row('water-notice.txt')).getAttribute('data-status');
    await page.reload();
    await page.waitForSelector('[data-testid="connection"]:has-text("live")');
    // Straight after the reload the earlier documents are listed as they are, without waiting for any push.
    await page.waitForSelector(row('heliotrope-memo.txt', 'indexed'), { timeout: 5_000 });
    await page.waitForSelector(row('water-notice.txt'), { timeout: 5_000 });
    await screenshot('3-after-reload');
    await page.waitForSelector(row('water-notice.txt', 'indexed'), { timeout: 90_000 });
    expect(await page.locator('[data-testid="document-row"]').count()).toBe(3);
    console.log(`water-notice.txt was "${statusBeforeReload}" when the page reloaded`);
  });

  it('catches up after the live connection was lost: what happened meanwhile shows once it is back', async () => {
    const { page, gatewayUrl, key, browser } = ui;
    await browser.setOffline(true);
    await page.waitForSelector('[data-testid="connection"]:has-text("offline")', { timeout: 15_000 });
    const form = new FormData();
    form.append('files', new Blob([offline]), 'while-offline.txt');
    const upload = await fetch(`${gatewayUrl}/api/v1/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: form,
    });
    expect(upload.status).toBe(202);
    await browser.setOffline(false);
    await page.waitForSelector('[data-testid="connection"]:has-text("live")', { timeout: 30_000 });
    await page.waitForSelector(row('while-offline.txt', 'indexed'), { timeout: 60_000 });
  });

  it('cancels a document mid-way: it stays cancelled, its unfinished stages too, also after a reload', async () => {
    const { page, screenshot } = ui;
    await page.click('nav a:text("Documents")');
    await page.setInputFiles('[data-testid="file-input"]', [
      { name: 'ledger-scan.png', mimeType: 'image/png', buffer: await scannedPage() },
    ]);
    const ledger = page.locator(row('ledger-scan.png'));
    await ledger.locator('button:has-text("Cancel")').click({ timeout: 30_000 });
    await page.waitForSelector(row('ledger-scan.png', 'cancelled'), { timeout: 10_000 });
    expect(await ledger.locator('[data-stage="indexing"]').getAttribute('data-stage-status')).toBe('cancelled');
    expect(await ledger.locator('button:has-text("Cancel")').count()).toBe(0);
    await screenshot('6-cancelled');
    await page.reload();
    await page.waitForSelector(row('ledger-scan.png', 'cancelled'), { timeout: 10_000 });
    expect(await page.locator(row('ledger-scan.png')).locator('[data-stage="indexing"]').getAttribute('data-stage-status')).toBe(
      'cancelled',
    );
  });

  it('shows why a document failed and processes it again on Retry', async () => {
    const { page, screenshot } = ui;
    await page.click('nav a:text("Documents")');
    await page.setInputFiles('[data-testid="file-input"]', [
      {
        name: 'broken.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096)]),
      },
    ]);
    const broken = page.locator(row('broken.pdf', 'failed'));
    await broken.waitFor({ timeout: 60_000 });
    expect(await broken.locator('[data-testid="failure"]').innerText()).toMatch(/^extraction: .*PDF/i);
    expect(await broken.locator('[data-stage="extraction"]').getAttribute('data-stage-status')).toBe('failed');
    await screenshot('7-failed');
    const seqBeforeRetry = Number(await broken.getAttribute('data-last-seq'));

    const [reprocess] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/reprocess')),
      broken.locator('button:has-text("Retry")').click(),
    ]);
    expect(reprocess.status()).toBe(202);
    // Processed again from the start: new timeline entries arrive and it fails again, for the same reason.
    await page.waitForFunction(
      ([selector, seq]) => Number(document.querySelector(selector as string)?.getAttribute('data-last-seq')) > (seq as number) + 1,
      [row('broken.pdf', 'failed'), seqBeforeRetry] as const,
      { timeout: 60_000 },
    );
    expect(await page.locator(row('broken.pdf')).locator('[data-testid="failure"]').innerText()).toMatch(/^extraction: .*PDF/i);
  });

  it('uploads a folder chosen whole, its files’ names in any script kept as written', async () => {
    const { page, gatewayUrl, key, screenshot } = ui;
    const folder = await mkdtemp(join(tmpdir(), 'docpipe-web-folder-'));
    await writeFile(join(folder, 'Rechnung März.txt'), 'Rechnung für die Gartenpflege im März.');
    await writeFile(join(folder, '領収書.txt'), 'Receipt for the harbour ferry tickets.');
    await page.goto(gatewayUrl);
    await page.setInputFiles('[data-testid="folder-input"]', folder);
    await page.waitForSelector(row('Rechnung März.txt'));
    await page.waitForSelector(row('領収書.txt'));
    expect(await page.locator('.uploads li[data-state="accepted"]').count()).toBe(2);
    await screenshot('15-folder');
    await rm(folder, { recursive: true, force: true });

    // Removed once indexed, so that the list's tests count the documents they expect.
    for (const fileName of ['Rechnung März.txt', '領収書.txt']) {
      const listed = page.locator(row(fileName, 'indexed'));
      await listed.waitFor({ timeout: 60_000 });
      const id = (await listed.locator('td.file a').getAttribute('href'))!.split('/').pop();
      const removed = await fetch(`${gatewayUrl}/api/v1/documents/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${key}` },
      });
      expect(removed.status).toBe(202);
    }
  });
}
