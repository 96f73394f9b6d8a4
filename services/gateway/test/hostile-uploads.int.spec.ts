import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentView } from '@docpipe/contracts';
import { loadConfig } from '@docpipe/platform';
import {
  fetchReadiness,
  isolatedDatabase,
  isolatedVhost,
  startServiceProcess,
  type IsolatedDatabase,
  type IsolatedVhost,
  type ServiceProcess,
} from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';
import { hostileCorpus, type HostileFile } from './fixtures/hostile/corpus';
import { removePrefix } from './support/object-store';

// Every service an upload goes through, up to the index; search and notification never see the bytes.
const WORKERS = ['metadata', 'ingestion', 'extraction', 'classification', 'indexing'];

interface UploadAnswer {
  status: number;
  body: {
    error?: { code: string };
    documents: Array<{ id?: string; fileName: string; status?: string; objectKey?: string; error?: { code: string; message: string } }>;
  };
}

describe('the hostile-input corpus, uploaded through the gateway to the real services', () => {
  const tenant = `hostile-${randomBytes(4).toString('hex')}`;
  const key = `key-${randomBytes(8).toString('hex')}`;
  const metricsToken = `metrics-${randomBytes(8).toString('hex')}`;
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;
  let lanceDir: string;
  const running: ServiceProcess[] = [];
  let gateway: ServiceProcess;

  beforeAll(async () => {
    [vhost, database, lanceDir] = await Promise.all([
      isolatedVhost('hostile'),
      isolatedDatabase('hostile'),
      mkdtemp(join(tmpdir(), 'docpipe-hostile-lance-')),
    ]);
    const env = {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      DATABASE_URL: database.url,
      LANCE_DIR: lanceDir,
      API_KEYS: `${tenant}:${key}`,
      METRICS_TOKEN: metricsToken,
      OLLAMA_HOST: '',
      OPENSEARCH_URL: '',
      LOG_LEVEL: 'warn',
    };
    running.push(...(await Promise.all(WORKERS.map((name) => startServiceProcess(name, env)))));
    gateway = await startServiceProcess('gateway', env);
    running.push(gateway);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    await Promise.all([vhost?.remove(), database?.drop(), lanceDir && rm(lanceDir, { recursive: true, force: true })]);
    for (const prefix of ['staging', 'originals', 'derived']) await removePrefix(`${prefix}/${tenant}/`);
  });

  async function upload(file: HostileFile): Promise<UploadAnswer> {
    const form = new FormData();
    form.append('files', new Blob([await file.build()]), file.fileName);
    const response = await fetch(`${gateway.url}/api/v1/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as UploadAnswer['body'] };
  }

  async function settled(id: string): Promise<DocumentView> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const response = await fetch(`${gateway.url}/api/v1/documents/${id}/wait?timeout=20`, {
        headers: { authorization: `Bearer ${key}` },
      });
      const view = (await response.json()) as DocumentView;
      if (response.status === 200 || Date.now() > deadline) return view;
    }
  }

  it.each(hostileCorpus.map((file) => [file.what, file] as const))('%s: ends as expected', async (_what, file) => {
    const answer = await upload(file);
    const { expected } = file;
    if ('refused' in expected) {
      expect(answer.status).toBe(expected.refused.status);
      expect(answer.body.documents[0]?.error?.code).toBe(expected.refused.code);
      return;
    }
    expect(answer.status).toBe(202);
    const [accepted] = answer.body.documents;
    const view = await settled(accepted!.id!);
    if ('rejected' in expected) {
      expect(view).toMatchObject({
        status: 'rejected',
        objectKey: expect.any(String),
        error: { stage: 'ingestion', code: expected.rejected.code },
      });
      expect(view.error!.reason).toMatch(expected.rejected.reason);
      return;
    }
    if ('failed' in expected) {
      expect(view).toMatchObject({
        status: 'failed',
        error: { stage: expected.failed.stage, code: expected.failed.code, retryable: false },
      });
      expect(view.error!.reason).toMatch(expected.failed.reason);
      return;
    }
    expect(view).toMatchObject({ status: 'indexed', ...expected.indexed });
    // The name is only a label: the original is stored under a key the server made.
    expect(view.objectKey).toMatch(new RegExp(`^originals/${tenant}/[0-9a-f-]+$`));
    if (!expected.text) return;
    const extracted = (await new ObjectStore(loadConfig(storageConfigSchema)).getBuffer(view.textKey!)).toString('utf8');
    expect(extracted).toContain(expected.text.has);
    expect(extracted).not.toMatch(expected.text.lacks);
  });

  it('leaves every service running and ready, and their metrics show what they handled', async () => {
    for (const service of running) {
      expect(await fetchReadiness(service.url, 5_000)).toMatchObject({ status: 'ready' });
    }
    const extraction = running.find((service) => service.name === 'extraction')!;
    const metrics = await (await fetch(`${extraction.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
    expect(metrics).toMatch(
      /events_consumed_total\{queue="extraction\.extract-text",type="document\.uploaded",outcome="\w+",service="extraction"\} [1-9]/,
    );
    expect(metrics).toMatch(/event_handler_duration_seconds_count\{[^}]*queue="extraction\.extract-text"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/events_published_total\{type="document\.\w+",service="extraction"\} [1-9]/);
  });
});
