// `npm run record:messages -w @docpipe/e2e`: runs the eight services on a stack of their own, drives a few documents
// through every path (indexed, failed, rejected, cancelled, corrected, reprocessed, deleted; delivered to webhooks,
// retried, refused, redelivered) and records the events
// they really published, as shared/contracts/recorded/<routing key>/<document>.json. The contracts' compatibility
// test then proves that a reader of each version still accepts every message recorded for it. A recording is never
// overwritten: a run adds only what is new (a new version's messages), so old ones keep being checked.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCanvas } from '@napi-rs/canvas';
import { connect } from 'amqplib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { EVENTS_EXCHANGE } from '@docpipe/events';
import { Fleet, stackEnv, startStack } from '@docpipe/stack';
import { startWebhookReceiver, testFont } from '@docpipe/testing';

const RECORDED = join(__dirname, '..', '..', 'shared', 'contracts', 'recorded');
const TENANT = 'recorder';
const KEY = `key-${randomBytes(8).toString('hex')}`;
const ADMIN_KEY = `admin-${randomBytes(8).toString('hex')}`;
/** A few of each routing key and document are plenty; progress ticks would otherwise fill the folder. */
const PER_DOCUMENT = 1;
const FINISHED = new Set(['indexed', 'failed', 'cancelled', 'rejected']);

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'docpipe-record-'));
  const stack = await startStack({ dataDir, ports: 'random', env: {}, log: (message) => console.log(message) });
  let fleet: Fleet | undefined;
  try {
    fleet = await Fleet.start(
      {
        ...process.env,
        ...stackEnv(stack.endpoints),
        LANCE_DIR: join(dataDir, 'lance'),
        API_KEYS: `${TENANT}:${KEY}`,
        ADMIN_API_KEYS: `ops:${ADMIN_KEY}`,
        OLLAMA_HOST: '',
        OPENSEARCH_URL: '',
        LOG_LEVEL: 'warn',
        // The webhook receiver below runs on loopback; two tries per delivery, one abandoned delivery disables.
        WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
        WEBHOOK_MAX_ATTEMPTS: '2',
        WEBHOOK_RETRY_INITIAL_MS: '200',
        WEBHOOK_DISABLE_AFTER: '1',
      },
      (message) => console.log(message),
    );
    const connection = await connect(stack.endpoints.rabbitmqUrl);
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, EVENTS_EXCHANGE, '#');

    const gateway = fleet.url('gateway');
    const api = (method: string, path: string, body?: RequestInit['body'], key = KEY) =>
      fetch(`${gateway}${path}`, {
        method,
        body,
        headers: { authorization: `Bearer ${key}`, ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}) },
      });
    const upload = async (files: Array<[string, Buffer | string, string?]>): Promise<string[]> => {
      const form = new FormData();
      for (const [name, content, type] of files) form.append('files', new Blob([content], type ? { type } : {}), name);
      const response = await api('POST', '/api/v1/documents', form);
      if (response.status !== 202) throw new Error(`Upload answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { documents: Array<{ id: string }> }).documents.map((document) => document.id);
    };
    const finished = async (id: string): Promise<string> => {
      for (const deadline = Date.now() + 180_000; Date.now() < deadline; await sleep(500)) {
        const { status } = (await (await api('GET', `/api/v1/documents/${id}`)).json()) as { status: string };
        if (FINISHED.has(status)) return status;
      }
      throw new Error(`${id} did not finish within 180 s`);
    };

    // Webhooks, registered by an admin key of the tenant: one endpoint whose receiver fails each delivery's first try
    // (then redelivered and removed), one that always fails (disabled after its first abandoned delivery).
    const names = new Map<string, string>();
    const receiver = await startWebhookReceiver();
    const answered = new Set<string>();
    receiver.answer((request) => {
      if (request.path === '/down') return 500;
      const delivery = String(request.headers['docpipe-delivery']);
      if (answered.has(delivery)) return 204;
      answered.add(delivery);
      return 500;
    });
    const tenantAdmin = await api(
      'POST',
      '/api/v1/admin/api-keys',
      JSON.stringify({ tenantId: TENANT, name: 'webhooks', scopes: ['admin'] }),
      ADMIN_KEY,
    );
    const { key: tenantAdminKey } = (await tenantAdmin.json()) as { key: string };
    // The gateway accepts the new key once it heard api-key.issued, a moment later.
    while ((await api('GET', '/api/v1/webhooks', undefined, tenantAdminKey)).status === 401) await sleep(100);
    const webhook = async (url: string, name: string): Promise<string> => {
      const response = await api(
        'POST',
        '/api/v1/webhooks',
        JSON.stringify({ url, eventTypes: ['document.indexed', 'document.failed'] }),
        tenantAdminKey,
      );
      if (response.status !== 201) throw new Error(`Webhook registration answered ${response.status}: ${await response.text()}`);
      const { endpointId } = (await response.json()) as { endpointId: string };
      names.set(endpointId, name);
      return endpointId;
    };
    const endpointId = await webhook(receiver.url(), 'webhook-endpoint');
    await webhook(receiver.url('/down'), 'webhook-failing');

    const [invoice, letter, broken, program] = await upload([
      ['invoice.pdf', await invoicePdf(), 'application/pdf'],
      ['letter.txt', 'Dear Ms Okafor,\n\nThank you for hosting our team at the research station last week.\n\nJonas Berg', 'text/plain'],
      ['broken.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2048)]), 'application/pdf'],
      ['program.exe', Buffer.concat([Buffer.from('MZ'), randomBytes(2046)])],
    ]);
    // OCR of a page image is the slowest stage, so the cancel arrives while it is still in progress.
    const [scan] = await upload([['scan.png', await scannedPage(), 'image/png']]);
    const cancel = await api('POST', `/api/v1/documents/${scan}/cancel`);
    console.log(`cancel of the scan answered ${cancel.status}`);
    for (const [id, name] of [
      [invoice, 'invoice-pdf'],
      [letter, 'letter-txt'],
      [broken, 'broken-pdf'],
      [program, 'program-exe'],
      [scan, 'scan-png'],
    ] as const) {
      names.set(id, name);
    }
    for (const id of [invoice, letter, broken, program, scan]) console.log(`${names.get(id)}: ${await finished(id)}`);

    await api('PATCH', `/api/v1/documents/${letter}`, JSON.stringify({ type: 'thank-you-note' }));
    await api('POST', `/api/v1/documents/${broken}/reprocess`);
    await finished(broken);
    await api('DELETE', `/api/v1/documents/${invoice}`);
    // A run-time API key, created and revoked: its events name the key where documents' name the document.
    const created = await api('POST', '/api/v1/admin/api-keys', JSON.stringify({ tenantId: TENANT, name: 'recorder key' }), ADMIN_KEY);
    const { keyId, key } = (await created.json()) as { keyId: string; key: string };
    names.set(keyId, 'api-key');
    // Used once it is known (api-key.used), then revoked; both key actions and the deletion are audited (admin-action.performed).
    for (let tries = 0; (await api('GET', '/api/v1/documents', undefined, key)).status !== 200 && tries < 50; tries += 1) await sleep(200);
    await api('DELETE', `/api/v1/admin/api-keys/${keyId}`, undefined, ADMIN_KEY);
    await sleep(3_000);
    const deliveries = await api('GET', `/api/v1/webhooks/${endpointId}/deliveries`, undefined, tenantAdminKey);
    const [delivered] = ((await deliveries.json()) as { items: Array<{ deliveryId: string }> }).items;
    if (delivered)
      await api('POST', `/api/v1/webhooks/${endpointId}/deliveries/${delivered.deliveryId}/redeliver`, undefined, tenantAdminKey);
    await sleep(3_000);
    await api('DELETE', `/api/v1/webhooks/${endpointId}`, undefined, tenantAdminKey);
    await sleep(1_000);
    await receiver.close();

    const kept = new Map<string, number>();
    for (let message = await channel.get(queue, { noAck: true }); message; message = await channel.get(queue, { noAck: true })) {
      const envelope = JSON.parse(message.content.toString()) as { documentId: string };
      const name = names.get(envelope.documentId) ?? 'other';
      const slot = `${message.fields.routingKey}/${name}`;
      if ((kept.get(slot) ?? 0) >= PER_DOCUMENT) continue;
      kept.set(slot, (kept.get(slot) ?? 0) + 1);
      if (existsSync(join(RECORDED, `${slot}.json`))) continue;
      await mkdir(join(RECORDED, message.fields.routingKey), { recursive: true });
      await writeFile(join(RECORDED, `${slot}.json`), `${JSON.stringify(envelope, null, 2)}\n`);
    }
    console.log([...kept.keys()].sort().join('\n'));
    await connection.close();
  } finally {
    await fleet?.stop();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function invoicePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  [
    'INVOICE',
    'Invoice number: INV-2026-0042',
    'Date: 12 March 2026',
    'Vendor: Northwind Office Supplies',
    'Total due: EUR 4,284.00',
  ].forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 18, size: 11, font }));
  return Buffer.from(await pdf.save());
}

async function scannedPage(): Promise<Buffer> {
  const lines = ['CORNER BAKERY', '2 croissants 5.40', 'coffee 3.20', 'TOTAL 8.60', 'Paid by card, thank you'];
  const canvas = createCanvas(1200, 1600);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = 'black';
  context.font = testFont(36);
  lines.forEach((line, i) => context.fillText(line, 60, 100 + i * 60));
  return canvas.encode('png');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
