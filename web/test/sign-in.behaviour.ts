import { type BrowserUi } from './support/browser-ui';

/** Signing in: the UI served at every client route, a wrong key said to be wrong, and the operators' pages only for operators. */
export function signInBehaviour(ui: BrowserUi): void {
  it('serves the UI for client routes and leaves the API’s own answers alone', async () => {
    const { gatewayUrl } = ui;
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
    const { page, gatewayUrl, key } = ui;
    await page.goto(gatewayUrl);
    await page.fill('input[name="apiKey"]', `${key}-wrong`);
    await page.click('.api-key button[type="submit"]');
    await page.waitForSelector('[role="alert"]:has-text("This API key was refused")');
    expect(await page.locator('text=No documents yet.').count()).toBe(0);
  });

  it('refuses an admin key offered as the key to sign in with, saying it cannot read documents', async () => {
    const { page, gatewayUrl, adminKey } = ui;
    await page.goto(gatewayUrl);
    await page.fill('input[name="apiKey"]', adminKey);
    await page.click('.api-key button[type="submit"]');
    await page.waitForSelector('[role="alert"]:has-text("This key cannot read documents")');
    expect(await page.locator('nav[aria-label="Main"]').count()).toBe(0);
  });

  it('shows the Pipeline and Keys pages only to an operator whose admin key the gateway accepted, and loads their code only when opened', async () => {
    const { page, gatewayUrl, key, adminKey } = ui;
    const scripts: string[] = [];
    const recordScript = (request: { resourceType: () => string; url: () => string }) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    };
    page.on('request', recordScript);
    const navLinks = () => page.locator('nav[aria-label="Main"] a').allInnerTexts();
    const signIn = async (operatorKey?: string) => {
      await page.fill('input[name="apiKey"]', key);
      if (operatorKey !== undefined) {
        await page.check('input[name="operator"]');
        await page.fill('input[name="signInAdminKey"]', operatorKey);
      }
      await page.click('.api-key button[type="submit"]');
    };

    await page.goto(gatewayUrl);
    await signIn();
    await page.waitForSelector('[data-testid="page-info"]');
    // The gateway says who the key is (GET /api/v1/me): its tenant and scopes in the header; no admin of any kind.
    expect(await page.locator('[data-testid="session"]').innerText()).toBe(`${ui.tenant} · read, write`);
    expect(await navLinks()).toEqual(['Documents', 'Search']);
    expect(scripts.filter((script) => /(pipeline|api-keys|webhooks)-page/.test(script))).toEqual([]);
    // After a reload the app asks again, from the key it kept for the session.
    await page.reload();
    await page.waitForSelector('[data-testid="session"]');
    expect(await page.locator('[data-testid="session"]').innerText()).toBe(`${ui.tenant} · read, write`);

    // A tenant's key offered as the admin key is refused, and the app stays closed until the admin key is right.
    await page.click('button.sign-out');
    await signIn(key);
    await page.waitForSelector('[role="alert"]:has-text("This key is not an admin key")');
    expect(await page.locator('nav[aria-label="Main"]').count()).toBe(0);
    await page.fill('input[name="signInAdminKey"]', adminKey);
    await page.click('.api-key button[type="submit"]');
    await page.waitForSelector('[data-testid="page-info"]');
    expect(await navLinks()).toEqual(['Documents', 'Search', 'Pipeline', 'Keys']);
    await page.click('nav a:text("Pipeline")');
    await page.waitForSelector('table.pipeline');
    expect(scripts.filter((script) => /pipeline-page/.test(script))).toHaveLength(1);

    // Signing out forgets the admin key too: the next session is a tenant's again.
    await page.click('button.sign-out');
    await page.goto(gatewayUrl);
    await signIn();
    await page.waitForSelector('[data-testid="page-info"]');
    expect(await navLinks()).toEqual(['Documents', 'Search']);
    page.off('request', recordScript);
    await page.click('button.sign-out');
  });
}
