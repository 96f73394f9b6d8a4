import { type BrowserUi } from './support/browser-ui';

/** Signing in: the UI served at every client route, and a wrong key said to be wrong. */
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
}
