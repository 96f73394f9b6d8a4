import { row, type BrowserUi } from './support/browser-ui';
import { invoice, twoPagePdf } from './support/samples';

/** A document’s own page: preview and page thumbnails, fields where they were read, timeline, and editing. */
export function documentPageBehaviour(ui: BrowserUi): void {
  it('opens a document with a preview drawn by the server, its fields shown where they were read, and a readable timeline, each part a region named by its heading', async () => {
    const { page, gatewayUrl, key, screenshot } = ui;
    const form = new FormData();
    form.append('files', new Blob([invoice]), 'harbour-invoice.txt');
    form.append('tags', 'print-shop');
    const headers = { authorization: `Bearer ${key}` };
    const upload = await fetch(`${gatewayUrl}/api/v1/documents`, { method: 'POST', headers, body: form });
    const [{ id }] = ((await upload.json()) as { documents: Array<{ id: string }> }).documents;
    ui.invoiceId = id;
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

    // Each part of the page is a region named by its heading, which a screen reader lists and jumps to.
    for (const name of ['Preview', 'Extracted fields', 'Stages', 'Timeline', 'Similar documents'])
      expect(await page.getByRole('region', { name, exact: true }).getByRole('heading', { name, exact: true }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Timeline', exact: true }).locator('[data-testid="timeline"]').count()).toBe(1);
    const timeline = await page.locator('[data-testid="timeline"] li').allInnerTexts();
    expect(timeline[0]).toContain('Uploaded and stored');
    expect(timeline.some((entry) => entry.includes('Classified as invoice'))).toBe(true);
    expect(timeline.join('\n')).not.toContain('document.');
    await screenshot('10-document-evidence');
  });

  it('edits a document’s title, tags and type on its page: saved at once, on the timeline, and shown in the list', async () => {
    const { page, gatewayUrl, screenshot } = ui;
    await page.goto(`${gatewayUrl}/documents/${ui.invoiceId}`);
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
    await page.goto(`${gatewayUrl}/documents/${ui.invoiceId}`);
    await page.locator('form.document-editor input[name="title"]').fill('');
    const [cleared] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'PATCH'),
      page.click('form.document-editor button[type="submit"]'),
    ]);
    expect(cleared.request().postDataJSON()).toEqual({ title: null });
    await page.waitForSelector('[data-testid="document-title"]:text("harbour-invoice.txt")');
  });

  it('keeps a note on a document: saved on its own, on the timeline, still there after a reload, removed when emptied', async () => {
    const { page, gatewayUrl, screenshot } = ui;
    const text = 'Paid by bank transfer on 20 November.\nAsk Harbour Lights for a receipt.';
    await page.goto(`${gatewayUrl}/documents/${ui.invoiceId}`);
    const note = page.locator('form.document-note');
    const field = note.locator('textarea[name="note"]');
    await field.waitFor();
    expect(await note.locator('button[type="submit"]').isDisabled()).toBe(true);
    await field.fill(text);
    const [saved] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'PATCH'),
      note.locator('button[type="submit"]').click(),
    ]);
    expect(saved.request().postDataJSON()).toEqual({ note: text });
    await page.waitForSelector('[data-testid="note-outcome"]:text("Note saved")');
    await page.waitForSelector('[data-testid="timeline"] li:has-text("Edited: note added")');
    await screenshot('11-note');

    await page.reload();
    await field.waitFor();
    expect(await field.inputValue()).toBe(text);
    await field.fill('   ');
    await note.locator('button[type="submit"]').click();
    await page.waitForSelector('[data-testid="note-outcome"]:text("Note removed")');
    await page.waitForSelector('[data-testid="timeline"] li:has-text("Edited: note removed")');
  });

  it('previews a document of several pages with a thumbnail per page that shows that page and its text', async () => {
    const { page, gatewayUrl, key, screenshot } = ui;
    const form = new FormData();
    form.append('files', new Blob([await twoPagePdf()], { type: 'application/pdf' }), 'lighthouse-log.pdf');
    const headers = { authorization: `Bearer ${key}` };
    const upload = await fetch(`${gatewayUrl}/api/v1/documents`, { method: 'POST', headers, body: form });
    const [{ id }] = ((await upload.json()) as { documents: Array<{ id: string }> }).documents;
    await fetch(`${gatewayUrl}/api/v1/documents/${id}/wait?timeout=60`, { headers });

    await page.goto(`${gatewayUrl}/documents/${id}`);
    // Below the page drawn large: a thumbnail is drawn once scrolled into view, as a reader would scroll to them.
    const strip = page.locator('[data-testid="page-thumbnails"]');
    await strip.waitFor();
    await strip.scrollIntoViewIfNeeded();
    const thumbnails = strip.locator('button');
    await thumbnails.first().locator('img').waitFor({ timeout: 15_000 });
    expect(await thumbnails.count()).toBe(2);
    await page.click('button[aria-label="Show page 2"]');
    await page.waitForSelector('[data-testid="preview"] img[alt="Page 2 of lighthouse-log.pdf"]');
    expect(await page.locator('[data-testid="page-text"] pre').innerText()).toContain('the foghorn was repaired');
    expect(await page.locator('button[aria-label="Show page 2"]').getAttribute('aria-current')).toBe('page');
    await screenshot('16-pages');
    // Removed, so that the list's tests count the documents they expect.
    expect((await fetch(`${gatewayUrl}/api/v1/documents/${id}`, { method: 'DELETE', headers })).status).toBe(202);
  });
}
