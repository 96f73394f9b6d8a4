import { readFileSync } from 'node:fs';
import { type BrowserUi } from './support/browser-ui';

/** axe-core's browser bundle, evaluated in the page (a script tag would meet the UI's content security policy). */
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
interface AxeResults {
  violations: Array<{ id: string; impact?: string | null; nodes: Array<{ target: string[] }> }>;
}

/** How every page looks and reads: the colour scheme chosen, and axe-core and a 360 px phone on each page. */
export function appearanceBehaviour(ui: BrowserUi): void {
  it('switches to dark or light by choice, keeps the choice after a reload, and follows the system again on Auto', async () => {
    const { page, gatewayUrl, screenshot } = ui;
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

  it('works from the keyboard: the skip link comes first and leads past the header into the page’s content', async () => {
    const { page, gatewayUrl } = ui;
    await page.goto(gatewayUrl);
    await page.waitForSelector('[data-testid="page-info"]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
    // Further on, the search and filters' fields and the rows' checkboxes, each reached by Tab with its name.
    const names: string[] = [];
    for (let step = 0; step < 30; step++) {
      await page.keyboard.press('Tab');
      names.push(
        await page.evaluate(
          () =>
            (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ??
            document.activeElement?.getAttribute('aria-label') ??
            '',
        ),
      );
    }
    expect(names).toEqual(expect.arrayContaining(['Tags for the next uploads', 'Status', 'Sort']));
  });

  it('passes an axe-core scan of every page without serious or critical violations, in light and dark, and fits a 360 px phone', async () => {
    const { page, gatewayUrl, adminKey, screenshot } = ui;
    const views: Array<[name: string, path: string, ready: string]> = [
      ['documents', '/', '[data-testid="page-info"]'],
      ['document', `/documents/${ui.invoiceId}`, '[data-testid="preview"] img'],
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
      // The webhooks' tenant admin signed in anew, which forgot the admin key: the operator gives it on the page again.
      if (name === 'pipeline') {
        await page.fill('input[name="admin-key"]', adminKey);
        await page.click('form.admin-key button[type="submit"]');
      }
      await page.waitForSelector(ready, { timeout: 10_000 });
      await page.evaluate(axeSource);
      // One load per page: the width and the colour scheme change in place, as when a phone turns or the system goes dark.
      for (const [width, scheme] of [
        [1280, 'light'],
        [360, 'dark'],
      ] as const) {
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme: scheme });
        // Mantine follows the system's scheme through a media-query listener and a render: scan once it has applied it.
        await page.waitForFunction((expected) => document.documentElement.getAttribute('data-mantine-color-scheme') === expected, scheme, {
          timeout: 10_000,
        });
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
}
