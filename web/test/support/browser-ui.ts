import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '@docpipe/platform';
import { Fleet, isolatedDatabase, isolatedVhost, type IsolatedDatabase, type IsolatedVhost } from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';
import { startWebhookReceiver, type WebhookReceiver } from '@docpipe/testing';

const ROOT = join(__dirname, '..', '..', '..');
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

/** The whole stack with the built UI, one Chromium page on it, and what the pages' tests share. */
export interface BrowserUi {
  tenant: string;
  /** The tenant's key (API_KEYS) and an operator's (ADMIN_API_KEYS). */
  key: string;
  adminKey: string;
  gatewayUrl: string;
  vhost: IsolatedVhost;
  fleet: Fleet;
  browser: BrowserContext;
  page: Page;
  receiver: WebhookReceiver;
  /** The invoice the document page's tests upload, which the accessibility scan opens again. */
  invoiceId: string;
  screenshot: (name: string) => Promise<Buffer>;
  /** Confirms in the dialog that a button for what cannot be undone opens; its confirm button repeats the verb. */
  confirm: (verb: string) => Promise<void>;
}

/** A row of the documents table, by file name and, if given, status. */
export const row = (fileName: string, status?: string) =>
  `[data-testid="document-row"][data-file-name="${fileName}"]${status ? `[data-status="${status}"]` : ''}`;

/** Starts the stack before the tests of the describe block it is called in and removes it after them. */
export function useBrowserUi(): BrowserUi {
  const ui = {
    tenant: `web-${randomBytes(4).toString('hex')}`,
    key: `key-${randomBytes(8).toString('hex')}`,
    adminKey: `admin-${randomBytes(8).toString('hex')}`,
    screenshot: (name: string) => ui.page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true }),
    confirm: (verb: string) => ui.page.getByRole('dialog').getByRole('button', { name: verb, exact: true }).click(),
  } as BrowserUi;
  let database: IsolatedDatabase | undefined;
  let lanceDir: string | undefined;
  let profileDir: string | undefined;

  beforeAll(async () => {
    // The gateway serves web/dist: build it from the current sources, never trusting an earlier build. Jest's
    // NODE_ENV=test would make Vite bundle React's development build; users get the production one.
    const build = promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
      cwd: WEB,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    [ui.vhost, database, lanceDir, profileDir] = await Promise.all([
      isolatedVhost('web'),
      isolatedDatabase('web'),
      mkdtemp(join(tmpdir(), 'docpipe-web-lance-')),
      mkdtemp(join(tmpdir(), 'docpipe-web-chromium-')),
      mkdir(ARTIFACTS, { recursive: true }),
      build,
    ]);
    ui.receiver = await startWebhookReceiver();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      RABBITMQ_URL: ui.vhost.url,
      DATABASE_URL: database.url,
      LANCE_DIR: lanceDir,
      API_KEYS: `${ui.tenant}:${ui.key}`,
      ADMIN_API_KEYS: `ops:${ui.adminKey}`,
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
    ui.fleet = await Fleet.start(env, () => undefined);
    ui.gatewayUrl = ui.fleet.url('gateway');
    ui.browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    ui.page = ui.browser.pages()[0] ?? (await ui.browser.newPage());
  }, 240_000);

  afterAll(async () => {
    // The browser first: its live socket, proxied by the gateway, would hold the gateway's shutdown.
    await ui.browser?.close();
    await ui.fleet?.stop();
    await ui.receiver?.close();
    await Promise.all([
      ui.vhost?.remove(),
      database?.drop(),
      lanceDir && rm(lanceDir, { recursive: true, force: true }),
      profileDir && rm(profileDir, { recursive: true, force: true }),
    ]);
    const store = new ObjectStore(loadConfig(storageConfigSchema));
    for (const prefix of ['staging', 'originals', 'derived']) await store.removePrefix(`${prefix}/${ui.tenant}/`);
  });
  return ui;
}
