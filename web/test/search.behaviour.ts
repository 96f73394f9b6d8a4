import { readFile } from 'node:fs/promises';
import { type BrowserUi } from './support/browser-ui';
import { memo } from './support/samples';

/** The Search page: hits with their passages, suggestions as the query is typed, and questions answered from the documents. */
export function searchBehaviour(ui: BrowserUi): void {
  it('searches by keyword, highlights the match with its page, opens the document page and downloads the original', async () => {
    const { page, screenshot } = ui;
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
    const { page, screenshot } = ui;
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
    const { page, screenshot } = ui;
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
}
