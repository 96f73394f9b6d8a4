import { type BrowserUi } from './support/browser-ui';

/** The Keys page, for an operator: keys made, rotated and revoked, each change in force within seconds. */
export function keysBehaviour(ui: BrowserUi): void {
  it('lets an admin create a key shown once that then works, rotate it and revoke it: each old key refused within seconds', async () => {
    const { page, gatewayUrl, adminKey, tenant, screenshot, confirm } = ui;
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
}
