import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCanvas } from '@napi-rs/canvas';
import { connect } from 'amqplib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '@docpipe/platform';
import { Fleet, isolatedDatabase, isolatedVhost, type IsolatedDatabase, type IsolatedVhost } from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';
import { startWebhookReceiver, testFont, waitFor, type WebhookReceiver } from '@docpipe/testing';

const ROOT = join(__dirname, '..', '..');
const WEB = join(ROOT, 'web');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'web');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const memo = [
  'Internal memo: the heliotrope greenhouse project',
  'The heliotrope beds in greenhouse three need new irrigation before the spring planting.',
  'Budget owner: facilities team.',
].join('\n');
const minutes = ['Minutes of the rowing club meeting', 'The club agreed to repair the boathouse roof and to buy two new oars.'].join('\n');
const notice = [
  'Notice to tenants',
  'The water supply in building B will be interrupted on Tuesday morning for maintenance of the pumps.',
].join('\n');

const invoice = [
  'Harbour Lights Printing Ltd',
  '12 Quay Road, Bristol BS1 4DJ',
  '',
  'INVOICE',
  'Invoice No.: INV-2026-0042',
  'Invoice date: 02.11.2026',
  'Due date: 16.11.2026',
  '',
  'Bill to: Meadow Lane Bakery, 3 Mill Street, Bath',
  '',
  'Printed menus (500)                   EUR 240.00',
  'Subtotal                              EUR 240.00',
  'VAT 20%                               EUR 48.00',
  'Total amount due                      EUR 288.00',
].join('\n');

const offline = 'Parking permits for the new car park are issued by the front desk from Monday.';

/** A scanned page dense with text: OCR takes seconds on it, time enough to cancel it mid-way. */
function scannedPage(): Promise<Buffer> {
  const canvas = createCanvas(2000, 2800);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = 'black';
  context.font = testFont(34);
  for (let line = 0; line < 60; line++)
    context.fillText(`Line ${line + 1} of the archived ledger, entry ${1000 + line * 7}`, 60, 80 + line * 44);
  return canvas.encode('png');
}

/** axe-core's browser bundle, evaluated in the page (a script tag would meet the UI's content security policy). */
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
interface AxeResults {
  violations: Array<{ id: string; impact?: string | null; nodes: Array<{ target: string[] }> }>;
}

const row = (fileName: string, status?: string) =>
  `[data-testid="document-row"][data-file-name="${fileName}"]${status ? `[data-status="${status}"]` : ''}`;

describe('the web UI in a browser, against the whole stack', () => {
  const tenant = `web-${randomBytes(4).toString('hex')}`;
  const key = `key-${randomBytes(8).toString('hex')}`;
  const adminKey = `admin-${randomBytes(8).toString('hex')}`;
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;
  let lanceDir: string;
  let profileDir: string;
  let fleet: Fleet;
  let gatewayUrl: string;
  let browser: BrowserContext;
  let page: Page;
  let invoiceId: string;
  let receiver: WebhookReceiver;

  const screenshot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  /** Confirms in the dialog that a button for what cannot be undone opens; its confirm button repeats the verb. */
  const confirm = (verb: string) => page.getByRole('dialog').getByRole('button', { name: verb, exact: true }).click();

  beforeAll(async () => {
    // The gateway serves web/dist: build it from the current sources, never trusting an earlier build. Jest's
    // NODE_ENV=test would make Vite bundle React's development build; users get the production one.
    const build = promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
      cwd: WEB,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    [vhost, database, lanceDir, profileDir] = await Promise.all([
      isolatedVhost('web'),
      isolatedDatabase('web'),
      mkdtemp(join(tmpdir(), 'docpipe-web-lance-')),
      mkdtemp(join(tmpdir(), 'docpipe-web-chromium-')),
      mkdir(ARTIFACTS, { recursive: true }),
      build,
    ]);
    receiver = await startWebhookReceiver();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      DATABASE_URL: database.url,
      LANCE_DIR: lanceDir,
      API_KEYS: `${tenant}:${key}`,
      ADMIN_API_KEYS: `ops:${adminKey}`,
      RABBITMQ_CONSOLE_URL: 'http://127.0.0.1:15672',
      // The pipeline page's charts of the last hour: a sample every 2 s gives them points within this run.
      QUEUE_SAMPLE_SECONDS: '2',
      // The webhook receiver runs on loopback, which webhooks refuse unless the operator allows it.
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
      // A receiver that fails twice in a row has its endpoint disabled at once, so the test sees it.
      WEBHOOK_MAX_ATTEMPTS: '2',
      WEBHOOK_RETRY_INITIAL_MS: '100',
      WEBHOOK_DISABLE_AFTER: '1',
      OLLAMA_HOST: '',
      OPENSEARCH_URL: '',
      LOG_LEVEL: 'warn',
    };
    fleet = await Fleet.start(env, () => undefined);
    gatewayUrl = fleet.url('gateway');
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 240_000);

  afterAll(async () => {
    // The browser first: its live socket, proxied by the gateway, would hold the gateway's shutdown.
    await browser?.close();
    await fleet?.stop();
    await receiver?.close();
    await Promise.all([
      vhost?.remove(),
      database?.drop(),
      lanceDir && rm(lanceDir, { recursive: true, force: true }),
      profileDir && rm(profileDir, { recursive: true, force: true }),
    ]);
    const store = new ObjectStore(loadConfig(storageConfigSchema));
    for (const prefix of ['staging', 'originals', 'derived']) await store.removePrefix(`${prefix}/${tenant}/`);
  });

  it('serves the UI for client routes and leaves the API’s own answers alone', async () => {
    const clientRoute = await fetch(`${gatewayUrl}/documents/3f1c9a52-7a3e-4d1b-9a57-0c7f2b4e8d10`, {
      headers: { accept: 'text/html' },
    });
    expect(clientRoute.status).toBe(200);
    expect(await clientRoute.text()).toContain('<div id="root">');
    const unknownApi = await fetch(`${gatewayUrl}/api/v1/nothing-here`, { headers: { accept: 'text/html' } });
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toContain('application/json');
  });

  it('says a wrong API key was refused instead of showing an empty account', async () => {
    await page.goto(gatewayUrl);
    await page.fill('input[name="apiKey"]', `${key}-wrong`);
    await page.click('.api-key button[type="submit"]');
    await page.waitForSelector('[role="alert"]:has-text("This API key was refused")');
    expect(await page.locator('text=No documents yet.').count()).toBe(0);
  });

  it('takes the API key, uploads two files through the page and shows both reach indexed without a reload', async () => {
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

  it('searches by keyword, highlights the match with its page, opens the document page and downloads the original', async () => {
    await page.click('nav a:text("Search")');
    await page.fill('input[name="q"]', 'heliotrope irrigation');
    await page.check('input[name="mode"][value="keyword"]');
    await page.click('form.search button[type="submit"]');
    const hit = page.locator('[data-testid="search-hit"]').first();
    await hit.waitFor();
    expect(await hit.locator('a').first().innerText()).toBe('heliotrope-memo.txt');
    expect((await hit.locator('mark').allInnerTexts()).map((text) => text.toLowerCase())).toContain('heliotrope');
    await screenshot('4-search');

    await hit.locator('a').first().click();
    await page.waitForSelector('[data-testid="document-title"]:text("heliotrope-memo.txt")');
    expect(page.url()).toMatch(/\/documents\/[0-9a-f-]{36}$/);
    expect(await page.locator('[data-testid="timeline"] li').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('[data-testid="page-text"] pre').innerText()).toContain('heliotrope beds in greenhouse three');
    await screenshot('5-document');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Download")')]);
    expect(download.suggestedFilename()).toBe('heliotrope-memo.txt');
    expect(await readFile(await download.path(), 'utf8')).toBe(memo);
  });

  it('suggests documents by name as the query is typed, and opens the one chosen', async () => {
    await page.click('nav a:text("Search")');
    // Half a word: the suggestions match names as typed, before any word is complete.
    await page.locator('input[name="q"]').pressSequentially('rowi');
    const suggestion = page.getByRole('option', { name: 'rowing-minutes.txt' });
    await suggestion.waitFor({ timeout: 10_000 });
    await screenshot('4-suggestions');
    await suggestion.click();
    await page.waitForSelector('[data-testid="document-title"]:text("rowing-minutes.txt")');
  });

  it('asks the documents a question: the answer quoted with a numbered source that opens the document at its page', async () => {
    await page.click('nav a:text("Search")');
    await page.fill('input[name="question"]', 'What did the rowing club agree to repair?');
    await page.click('form.ask-form button[type="submit"]');
    const answer = page.locator('[data-testid="answer"]');
    await answer.waitFor();
    expect(await answer.innerText()).toContain('The club agreed to repair the boathouse roof and to buy two new oars. [1]');
    const source = page.locator('[data-testid="citation"]').first();
    expect(await source.locator('a').innerText()).toBe('rowing-minutes.txt');
    expect(await source.locator('mark').innerText()).toContain('agreed to repair the boathouse roof');
    await screenshot('4-ask');

    await answer.locator('a:text("[1]")').click();
    await page.waitForSelector('[data-testid="document-title"]:text("rowing-minutes.txt")');
    expect(new URL(page.url()).searchParams.get('page')).toBe('1');

    await page.click('nav a:text("Search")');
    await page.fill('input[name="question"]', 'What is the population of Mongolia?');
    await page.click('form.ask-form button[type="submit"]');
    await page.waitForSelector('[data-testid="no-answer"]:text("No answer found in your documents.")');
  });

  it('cancels a document mid-way: it stays cancelled, its unfinished stages too, also after a reload', async () => {
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

  it('pages and filters the list on the server, with the view in the URL, one request per page', async () => {
    const listRequests: string[] = [];
    const documentRequests: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path === '/api/v1/documents') listRequests.push(request.url());
      else if (/^\/api\/v1\/documents\/[0-9a-f-]{36}$/.test(path)) documentRequests.push(path);
    });
    await page.goto(`${gatewayUrl}/?status=indexed&size=2`);
    await page.waitForSelector('[data-testid="page-info"]:text("1–2 of 4")');
    expect(await page.locator('[data-testid="document-row"][data-status="indexed"]').count()).toBe(2);
    const firstPage = await page.locator('[data-testid="document-row"]').evaluateAll((rows) => rows.map((row) => row.dataset.fileName));
    // Indexed rows need nothing beyond the list's own answer.
    expect(listRequests).toHaveLength(1);
    expect(documentRequests).toHaveLength(0);
    expect(listRequests[0]).toContain('status=indexed');

    await page.click('.pager a:text("Next")');
    await page.waitForSelector('[data-testid="page-info"]:text("3–4 of 4")');
    // The pager follows the URL at once; the rows follow when the second page has arrived.
    await page.waitForFunction(
      (names) =>
        [...document.querySelectorAll<HTMLElement>('[data-testid="document-row"]')].every((row) => !names.includes(row.dataset.fileName)),
      firstPage,
    );
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    const secondPage = await page.locator('[data-testid="document-row"]').evaluateAll((rows) => rows.map((row) => row.dataset.fileName));
    expect(secondPage).toHaveLength(2);
    expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);
    await screenshot('9-paged');

    await page.selectOption('form.filters select[name="status"]', 'cancelled');
    await page.click('form.filters button[type="submit"]');
    await page.waitForSelector('[data-testid="page-info"]:text("1–1 of 1")');
    expect(new URL(page.url()).search).toBe('?status=cancelled&size=2');
    expect(await page.locator('[data-testid="document-row"]').getAttribute('data-file-name')).toBe('ledger-scan.png');
    // The browser's back button returns to the previous view, its form too.
    await page.goBack();
    await page.waitForSelector('[data-testid="page-info"]:text("3–4 of 4")');
    expect(await page.locator('form.filters select[name="status"]').inputValue()).toBe('indexed');
  });

  it('opens a document with a preview drawn by the server, its fields shown where they were read, and a readable timeline', async () => {
    const form = new FormData();
    form.append('files', new Blob([invoice]), 'harbour-invoice.txt');
    form.append('tags', 'print-shop');
    const headers = { authorization: `Bearer ${key}` };
    const upload = await fetch(`${gatewayUrl}/api/v1/documents`, { method: 'POST', headers, body: form });
    const [{ id }] = ((await upload.json()) as { documents: Array<{ id: string }> }).documents;
    invoiceId = id;
    const settled = await fetch(`${gatewayUrl}/api/v1/documents/${id}/wait?timeout=60`, { headers });
    expect(((await settled.json()) as { status: string }).status).toBe('indexed');

    // In the list: its thumbnail (drawn by extraction) and its tag, found through the tag filter.
    await page.goto(`${gatewayUrl}/?tag=print-shop`);
    const listed = page.locator(row('harbour-invoice.txt', 'indexed'));
    await listed.locator('img.thumbnail').waitFor({ timeout: 10_000 });
    expect(await listed.locator('img.thumbnail').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
    expect(await listed.locator('[data-testid="tags"]').innerText()).toBe('print-shop');

    await listed.locator('a:text("harbour-invoice.txt")').click();
    await page.waitForSelector('[data-testid="document-title"]:text("harbour-invoice.txt")');
    const preview = page.locator('[data-testid="preview"] img');
    await preview.waitFor({ timeout: 10_000 });
    expect(await preview.getAttribute('alt')).toBe('Page 1 of harbour-invoice.txt');
    expect(await preview.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
    expect(await preview.getAttribute('src')).toMatch(/^blob:/);

    const number = page.locator('[data-field="number"]');
    expect(await number.locator('.value').innerText()).toBe('INV-2026-0042');
    await number.locator('button').click();
    expect(await page.locator('[data-testid="page-text"] mark.selected').innerText()).toBe('INV-2026-0042');
    expect(await page.locator('[data-testid="page-text"] mark').count()).toBeGreaterThan(1);

    const timeline = await page.locator('[data-testid="timeline"] li').allInnerTexts();
    expect(timeline[0]).toContain('Uploaded and stored');
    expect(timeline.some((entry) => entry.includes('Classified as invoice'))).toBe(true);
    expect(timeline.join('\n')).not.toContain('document.');
    await screenshot('10-document-evidence');
  });

  it('edits a document’s title, tags and type on its page: saved at once, on the timeline, and shown in the list', async () => {
    await page.goto(`${gatewayUrl}/documents/${invoiceId}`);
    await page.waitForSelector('[data-testid="document-title"]:text("harbour-invoice.txt")');
    const editor = page.locator('form.document-editor');
    expect(await editor.locator('button[type="submit"]').isDisabled()).toBe(true);
    await editor.locator('input[name="title"]').fill('Harbour Lights invoice 42');
    await editor.locator('input[name="tags"]').fill('print-shop, paid, paid');
    await editor.locator('input[name="type"]').fill('receipt');
    const [saved] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'PATCH'),
      editor.locator('button[type="submit"]').click(),
    ]);
    expect(saved.request().postDataJSON()).toEqual({ title: 'Harbour Lights invoice 42', tags: ['print-shop', 'paid'], type: 'receipt' });
    await page.waitForSelector('[data-testid="document-title"]:text("Harbour Lights invoice 42")');
    expect(await page.locator('[data-testid="file-name"]').innerText()).toBe('File: harbour-invoice.txt');
    await page.waitForSelector('[data-testid="edit-outcome"]:text("Saved")');
    const edited = page.locator('[data-testid="timeline"] li[data-type="document.edited"]');
    await edited.waitFor();
    expect(await edited.innerText()).toContain('Edited: title “Harbour Lights invoice 42”; tags print-shop, paid');
    const retyped = page.locator('[data-testid="timeline"] li[data-type="document.type-corrected"]');
    expect(await retyped.innerText()).toContain('Type set to receipt by hand (was invoice)');
    expect(await page.locator('.facts [data-testid="type-badge"]').innerText()).toBe('receipt 100%');
    await screenshot('11-document-edited');

    // The list finds it by its title and shows the title, with the file name beside it.
    await page.goto(`${gatewayUrl}/?q=${encodeURIComponent('lights invoice')}`);
    const listed = page.locator(row('harbour-invoice.txt'));
    await listed.waitFor();
    expect(await listed.locator('td.file a').innerText()).toBe('Harbour Lights invoice 42');
    expect((await listed.locator('.tag').allInnerTexts()).sort()).toEqual(['paid', 'print-shop']);

    // Emptying the title shows the file name again; the type, unchanged, is not sent.
    await page.goto(`${gatewayUrl}/documents/${invoiceId}`);
    await page.locator('form.document-editor input[name="title"]').fill('');
    const [cleared] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'PATCH'),
      page.click('form.document-editor button[type="submit"]'),
    ]);
    expect(cleared.request().postDataJSON()).toEqual({ title: null });
    await page.waitForSelector('[data-testid="document-title"]:text("harbour-invoice.txt")');
  });

  it('shows the pipeline’s queues, workers and dead letters to an operator with an admin key', async () => {
    await page.click('nav a:text("Pipeline")');
    await page.fill('input[name="admin-key"]', key);
    await page.click('form.admin-key button[type="submit"]');
    await page.waitForSelector('[role="alert"]:has-text("This key is not an admin key")');
    expect(await page.locator('table.pipeline').count()).toBe(0);
    await page.fill('input[name="admin-key"]', adminKey);
    await page.click('form.admin-key button[type="submit"]');
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

  it('lets an admin create a key shown once that then works, rotate it and revoke it: each old key refused within seconds', async () => {
    const answersWith = async (apiKey: string, status: number) => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const response = await fetch(`${gatewayUrl}/api/v1/documents?size=1`, { headers: { authorization: `Bearer ${apiKey}` } });
        if (response.status === status || Date.now() > deadline) return response.status;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    await page.click('nav a:text("Keys")');
    await page.fill('input[name="admin-key"]', adminKey);
    await page.click('form.admin-key button[type="submit"]');
    await page.fill('form.api-key-form input[name="tenant"]', tenant);
    await page.fill('form.api-key-form input[name="name"]', 'office scanner');
    await page.uncheck('form.api-key-form input[value="write"]');
    await page.click('form.api-key-form button[type="submit"]');
    const created = await page.locator('[data-testid="issued-key"] code').innerText();
    expect(created).toMatch(/^dpk_[\w-]{40,}$/);
    const row = page.locator(`[data-testid="api-key"][data-prefix="${created.slice(0, 8)}"]`);
    await row.waitFor();
    expect(await row.innerText()).toMatch(/office scanner\s+.*read\s+.*active/s);
    expect(await answersWith(created, 200)).toBe(200);
    await screenshot('12-api-keys');

    await row.locator('button:has-text("Rotate")').click();
    await page.waitForSelector('[data-testid="key-outcome"]:text("Rotated")');
    const rotated = await page.locator('[data-testid="issued-key"] code').innerText();
    expect(rotated).not.toBe(created);
    // The list is read again after the outcome shows: wait for the old key's new state.
    await row.locator('.state:text-matches("^revoked")').waitFor();
    expect(await answersWith(created, 401)).toBe(401);
    expect(await answersWith(rotated, 200)).toBe(200);

    await page.locator(`[data-testid="api-key"][data-prefix="${rotated.slice(0, 8)}"] button:has-text("Revoke")`).click();
    await confirm('Revoke');
    await page.waitForSelector('[data-testid="key-outcome"]:text("Revoked “office scanner”")');
    expect(await page.locator('[data-testid="issued-key"]').count()).toBe(0);
    expect(await answersWith(rotated, 401)).toBe(401);
  });

  it('restarts a cancelled document and deletes documents after a confirmation, saying what each action did', async () => {
    await page.goto(gatewayUrl);
    const ledger = page.locator(row('ledger-scan.png'));
    await ledger.locator('button:has-text("Restart")').click();
    await ledger.locator('[data-testid="action-outcome"]:text("Queued to be processed again")').waitFor({ timeout: 10_000 });
    expect(await ledger.getAttribute('data-status')).not.toBe('cancelled');

    for (const fileName of ['broken.pdf', 'ledger-scan.png']) {
      await page.locator(row(fileName)).locator('button:has-text("Delete")').click();
      await confirm('Delete');
      await page.waitForSelector(row(fileName), { state: 'detached', timeout: 10_000 });
    }
    await page.reload();
    await page.waitForSelector(row('heliotrope-memo.txt'));
    expect(await page.locator(row('broken.pdf')).count()).toBe(0);
    expect(await page.locator(row('ledger-scan.png')).count()).toBe(0);
  });

  it('sorts the list, saves the view, and tags, reprocesses and deletes selected documents in one go, saying what each did', async () => {
    await page.goto(gatewayUrl);
    await page.waitForSelector(row('rowing-minutes.txt', 'indexed'));
    await page.selectOption('form.filters select[name="sort"]', 'title');
    await page.click('form.filters button[type="submit"]');
    await page.waitForURL(/\?sort=title$/);
    const names = () => page.locator('[data-testid="document-row"]').evaluateAll((rows) => rows.map((row) => row.dataset.fileName));
    const byTitle = ['harbour-invoice.txt', 'heliotrope-memo.txt', 'rowing-minutes.txt', 'water-notice.txt', 'while-offline.txt'];
    // The whole order, not its first row: the list sorted by date may also start with the invoice until the new page shows.
    await page
      .waitForFunction(
        (expected) =>
          [...document.querySelectorAll<HTMLElement>('[data-testid="document-row"]')].map((row) => row.dataset.fileName).join() ===
          expected.join(),
        byTitle,
        { timeout: 10_000 },
      )
      .catch(() => undefined); // the assertion below then shows the order the page has
    expect(await names()).toEqual(byTitle);

    await page.fill('input[name="view-name"]', 'By title');
    await page.click('.saved-views button[type="submit"]');
    await page.click('nav[aria-label="Main"] a:text("Documents")');
    await page.waitForURL((url) => url.search === '');
    await page.click('.saved-views a:text("By title")');
    await page.waitForURL(/\?sort=title$/);
    expect(await page.locator('form.filters select[name="sort"]').inputValue()).toBe('title');

    const pair = ['rowing-minutes.txt', 'water-notice.txt'];
    for (const fileName of pair) await page.locator(row(fileName)).locator('td.select input').check();
    expect(await page.locator('[data-testid="selected-count"]').innerText()).toBe('2 selected');
    await page.fill('input[name="bulk-tags"]', 'archive, 2026');
    await page.click('[data-testid="bulk-actions"] button:has-text("Add")');
    await page.waitForSelector('[data-testid="bulk-outcome"]:text("Tagged 2 of 2 documents")');
    // Added to the tags each had (the first two files were uploaded with garden and facilities).
    for (const fileName of pair)
      expect(await page.locator(row(fileName)).locator('.tag').allInnerTexts()).toEqual(expect.arrayContaining(['archive', '2026']));
    expect((await page.locator(row('rowing-minutes.txt')).locator('.tag').allInnerTexts()).sort()).toEqual([
      '2026',
      'archive',
      'facilities',
      'garden',
    ]);
    expect(await page.locator('[data-testid="selected-count"]').innerText()).toMatch(/^Select documents/);

    for (const fileName of pair) await page.locator(row(fileName)).locator('td.select input').check();
    const seqs = await Promise.all(pair.map(async (fileName) => Number(await page.locator(row(fileName)).getAttribute('data-last-seq'))));
    await page.click('[data-testid="bulk-actions"] button:has-text("Reprocess")');
    await page.waitForSelector('[data-testid="bulk-outcome"]:text("Queued 2 of 2 documents")');
    // Processed again, live: each row gets new timeline entries and is indexed again.
    for (const [index, fileName] of pair.entries())
      await page.waitForFunction(
        ([selector, seq]) => Number(document.querySelector(selector as string)?.getAttribute('data-last-seq')) > (seq as number) + 1,
        [row(fileName, 'indexed'), seqs[index]] as const,
        { timeout: 90_000 },
      );
    await screenshot('12-bulk');

    await page.locator('th.select input').check();
    expect(await page.locator('[data-testid="selected-count"]').innerText()).toBe('5 selected');
    await page.locator('th.select input').uncheck();
    for (const fileName of pair) await page.locator(row(fileName)).locator('td.select input').check();
    await page.click('[data-testid="bulk-actions"] button:has-text("Delete")');
    await confirm('Delete');
    await page.waitForSelector('[data-testid="bulk-outcome"]:text("Deleted 2 of 2 documents")');
    await page.reload();
    await page.waitForSelector(row('heliotrope-memo.txt'));
    expect(await names()).toEqual(['harbour-invoice.txt', 'heliotrope-memo.txt', 'while-offline.txt']);
  });

  it('lets a tenant admin register a webhook, its secret shown once, follow its deliveries and send one again', async () => {
    await page.click('nav a:text("Webhooks")');
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

  it('switches to dark or light by choice, keeps the choice after a reload, and follows the system again on Auto', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(gatewayUrl);
    await page.waitForSelector('[data-testid="page-info"]');
    const scheme = () => page.evaluate(() => document.documentElement.dataset.mantineColorScheme);
    const choose = (label: string) => page.locator('[aria-label="Colour scheme"] label', { hasText: label }).click();
    expect(await scheme()).toBe('light');
    await choose('Dark');
    expect(await scheme()).toBe('dark');
    await page.reload();
    await page.waitForSelector('[data-testid="page-info"]');
    expect(await scheme()).toBe('dark');
    await screenshot('14-chosen-dark');
    await choose('Auto');
    expect(await scheme()).toBe('light');
  });

  it('uploads a folder chosen whole, its files’ names in any script kept as written', async () => {
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
  });

  it('previews a document of several pages with a thumbnail per page that shows that page and its text', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    for (const text of ['Lighthouse log, first page: the lamp was cleaned.', 'Lighthouse log, second page: the foghorn was repaired.'])
      pdf.addPage([420, 595]).drawText(text, { x: 30, y: 540, size: 12, font });
    const form = new FormData();
    form.append('files', new Blob([Buffer.from(await pdf.save())], { type: 'application/pdf' }), 'lighthouse-log.pdf');
    const headers = { authorization: `Bearer ${key}` };
    const upload = await fetch(`${gatewayUrl}/api/v1/documents`, { method: 'POST', headers, body: form });
    const [{ id }] = ((await upload.json()) as { documents: Array<{ id: string }> }).documents;
    await fetch(`${gatewayUrl}/api/v1/documents/${id}/wait?timeout=60`, { headers });

    await page.goto(`${gatewayUrl}/documents/${id}`);
    const thumbnails = page.locator('[data-testid="page-thumbnails"] button');
    await thumbnails.first().locator('img').waitFor({ timeout: 15_000 });
    expect(await thumbnails.count()).toBe(2);
    await page.click('button[aria-label="Show page 2"]');
    await page.waitForSelector('[data-testid="preview"] img[alt="Page 2 of lighthouse-log.pdf"]');
    expect(await page.locator('[data-testid="page-text"] pre').innerText()).toContain('the foghorn was repaired');
    expect(await page.locator('button[aria-label="Show page 2"]').getAttribute('aria-current')).toBe('page');
    await screenshot('16-pages');
  });

  it('passes an axe-core scan of every page without serious or critical violations, in light and dark, and fits a 360 px phone', async () => {
    const views: Array<[name: string, path: string, ready: string]> = [
      ['documents', '/', '[data-testid="page-info"]'],
      ['document', `/documents/${invoiceId}`, '[data-testid="preview"] img'],
      ['search', '/search?q=heliotrope&mode=keyword', '[data-testid="search-hit"]'],
      ['pipeline', '/pipeline', 'table.pipeline'],
      ['keys', '/keys', 'table.api-keys'],
      ['webhooks', '/webhooks', 'form.webhook-form'],
      ['sign-in', '/', 'form.api-key'],
    ];
    const problems: string[] = [];
    for (const [name, path, ready] of views) {
      if (name === 'sign-in') await page.click('button.sign-out');
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(`${gatewayUrl}${path}`);
      await page.waitForSelector(ready, { timeout: 10_000 });
      await page.evaluate(axeSource);
      // One load per page: the width and the colour scheme change in place, as when a phone turns or the system goes dark.
      for (const [width, scheme] of [
        [1280, 'light'],
        [360, 'dark'],
      ] as const) {
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme: scheme });
        const violations = await page.evaluate(async () => {
          const { axe } = window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } };
          const results = await axe.run(document);
          return results.violations
            .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
            .map(
              (violation) =>
                `${violation.id} (${violation.nodes
                  .map((node) => node.target.join(' '))
                  .slice(0, 3)
                  .join(', ')})`,
            );
        });
        problems.push(...violations.map((violation) => `${name} at ${width} px, ${scheme}: ${violation}`));
        const overflow = await page.evaluate(() => {
          const excess = document.documentElement.scrollWidth - window.innerWidth;
          // The outermost elements that reach past the screen's edge outside any scrolling box, so a failure names what to fix.
          const reachesPast = (element: Element | null) => !!element && element.getBoundingClientRect().right > window.innerWidth + 0.5;
          const scrolled = (element: Element): boolean => {
            for (let parent = element.parentElement; parent; parent = parent.parentElement)
              if (getComputedStyle(parent).overflowX !== 'visible') return true;
            return false;
          };
          const past = [...document.body.querySelectorAll('*')].filter(
            (element) => reachesPast(element) && !reachesPast(element.parentElement) && !scrolled(element),
          );
          const label = (element: Element) =>
            `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''}`;
          return { excess, past: past.slice(0, 3).map(label).join(', ') };
        });
        if (overflow.excess > 0) problems.push(`${name} at ${width} px is ${overflow.excess} px wider than the screen (${overflow.past})`);
        await screenshot(`${width === 360 ? 'phone' : 'desktop'}-${scheme}-${name}`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  });

  it('ran without any service crashing', () => {
    expect(fleet.exits).toEqual([]);
  });
});
