import { row, type BrowserUi } from './support/browser-ui';

/** The Documents list: paged, filtered and sorted on the server with the view in the URL; actions on one row or several. */
export function documentListBehaviour(ui: BrowserUi): void {
  it('pages and filters the list on the server, with the view in the URL, one request per page', async () => {
    const { page, gatewayUrl, screenshot } = ui;
    const listRequests: string[] = [];
    const documentRequests: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path === '/api/v1/documents') listRequests.push(request.url());
      else if (/^\/api\/v1\/documents\/[0-9a-f-]{36}$/.test(path)) documentRequests.push(path);
    });
    await page.goto(`${gatewayUrl}/?status=indexed&size=2`);
    await page.waitForSelector('[data-testid="page-info"]:text("1–2 of 5")');
    expect(await page.locator('[data-testid="document-row"][data-status="indexed"]').count()).toBe(2);
    const firstPage = await page.locator('[data-testid="document-row"]').evaluateAll((rows) => rows.map((row) => row.dataset.fileName));
    // Indexed rows need nothing beyond the list's own answer.
    expect(listRequests).toHaveLength(1);
    expect(documentRequests).toHaveLength(0);
    expect(listRequests[0]).toContain('status=indexed');

    await page.click('.pager a:text("Next")');
    await page.waitForSelector('[data-testid="page-info"]:text("3–4 of 5")');
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
    await page.waitForSelector('[data-testid="page-info"]:text("3–4 of 5")');
    expect(await page.locator('form.filters select[name="status"]').inputValue()).toBe('indexed');
  });

  it('counts the documents per status, type and tag above the list, each value a link that narrows the list to it and back', async () => {
    const { page, gatewayUrl, screenshot } = ui;
    const value = (facet: string, name: string) =>
      page.locator(`[data-testid="list-facets"] [data-facet="${facet}"] a[data-value="${name}"]`);
    const count = async (facet: string, name: string) => value(facet, name).locator('.count').innerText();
    await page.goto(gatewayUrl);
    await value('status', 'indexed').waitFor();
    const everything = await page.locator('[data-testid="page-info"]').innerText();
    expect(await count('status', 'indexed')).toBe('5');
    expect(await count('status', 'cancelled')).toBe('1');
    // The first uploads' tags were kept for the dropped file after them: three garden documents, all indexed.
    expect(await count('tag', 'garden')).toBe('3');
    expect(await page.locator('[data-facet="type"] a').count()).toBeGreaterThan(0);

    await value('tag', 'garden').click();
    await page.waitForSelector('[data-testid="page-info"]:text("1–3 of 3")');
    expect(new URL(page.url()).search).toBe('?tag=garden');
    expect(await value('tag', 'garden').getAttribute('aria-current')).toBe('true');
    // The other facets count only the garden documents now; the tag facet still offers every tag.
    expect(await count('status', 'indexed')).toBe('3');
    expect(await value('status', 'cancelled').count()).toBe(0);
    expect(await count('tag', 'print-shop')).toBe('1');
    await screenshot('9-facets');

    await value('tag', 'garden').click();
    await page.waitForURL((url) => url.search === '');
    await page.waitForSelector(`[data-testid="page-info"]:text("${everything}")`);
  });

  it('restarts a cancelled document and deletes documents after a confirmation, saying what each action did', async () => {
    const { page, gatewayUrl, confirm } = ui;
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
    const { page, gatewayUrl, screenshot, confirm } = ui;
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
}
