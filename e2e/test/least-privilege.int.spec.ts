import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import { allQueues, brokerUsers, rabbitDefinitions, type BrokerUser } from '@docpipe/events';
import {
  deleteUser,
  Fleet,
  importDefinitions,
  isolatedDatabase,
  isolatedVhost,
  putUser,
  SERVICES,
  type IsolatedDatabase,
  type IsolatedVhost,
} from '@docpipe/stack';

/**
 * Production wiring: deploy's topology job creates one user per service and loads the definitions file
 * (topology + permissions); every service then connects as its own user with RABBITMQ_DECLARE=own.
 */
describe('the pipeline with a least-privilege broker user per service', () => {
  const tenant = { tenant: 'lp', key: `key-lp-${randomBytes(8).toString('hex')}` };
  const adminKey = `admin-${randomBytes(8).toString('hex')}`;
  const passwords = Object.fromEntries(brokerUsers.map((user) => [user, randomBytes(12).toString('hex')])) as Record<BrokerUser, string>;
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;
  let lanceDir: string;
  let fleet: Fleet;

  const urlOf = (user: BrokerUser): string => {
    const url = new URL(vhost.url);
    url.username = user;
    url.password = passwords[user];
    return url.toString();
  };
  const asTenant = (path: string, init: RequestInit = {}) =>
    fetch(`${fleet.url('gateway')}${path}`, { ...init, headers: { authorization: `Bearer ${tenant.key}` } });

  beforeAll(async () => {
    [vhost, database, lanceDir] = await Promise.all([
      isolatedVhost('e2e-lp'),
      isolatedDatabase('e2e_lp'),
      mkdtemp(join(tmpdir(), 'docpipe-e2e-lp-lance-')),
    ]);
    for (const user of brokerUsers) await putUser(vhost.managementUrl, user, passwords[user]);
    await importDefinitions(vhost.managementUrl, rabbitDefinitions(allQueues, vhost.vhost));
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      LANCE_DIR: lanceDir,
      API_KEYS: `${tenant.tenant}:${tenant.key}`,
      ADMIN_API_KEYS: `ops:${adminKey}`,
      RABBITMQ_DECLARE: 'own',
      OLLAMA_HOST: '',
      OPENSEARCH_URL: '',
      LOG_LEVEL: 'warn',
    };
    // A service whose user lacks a right it needs at connect time never becomes ready, so start() would fail.
    fleet = await Fleet.start(
      env,
      () => undefined,
      (name) => ({ RABBITMQ_URL: urlOf(name) }),
    );
  }, 300_000);

  afterAll(async () => {
    await fleet?.stop();
    await Promise.all([vhost?.remove(), database?.drop(), lanceDir && rm(lanceDir, { recursive: true, force: true })]);
    for (const user of brokerUsers) await deleteUser(vhost.managementUrl, user);
  });

  it('has a user for every service', () => {
    expect([...brokerUsers].sort()).toEqual([...SERVICES].sort());
  });

  it('takes an upload to indexed and finds it, every service on its own user', async () => {
    const form = new FormData();
    form.append('files', new Blob(['Minutes of the lighthouse keepers’ guild: the lamp oil budget grows next year.']), 'guild.txt');
    const upload = await asTenant('/api/v1/documents', { method: 'POST', body: form });
    expect(upload.status).toBe(202);
    const [{ id }] = ((await upload.json()) as { documents: Array<{ id: string }> }).documents;
    const done = (await (await asTenant(`/api/v1/documents/${id}/wait?timeout=60`)).json()) as { status: string };
    expect(done.status).toBe('indexed');
    const search = (await (await asTenant('/api/v1/search?q=lighthouse%20lamp%20oil&mode=keyword')).json()) as {
      hits: Array<{ documentId: string }>;
    };
    expect(search.hits.map((hit) => hit.documentId)).toContain(id);
    const deadLetters = await fetch(`${fleet.url('gateway')}/api/v1/admin/dead-letters`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(deadLetters.status).toBe(200);
  }, 120_000);

  describe('refuses what a service has no business doing', () => {
    let broker: ChannelModel;
    beforeAll(async () => {
      broker = await connect(urlOf('extraction'));
    });
    afterAll(() => broker.close());

    // A refusal closes the channel (so each try gets a fresh one) and says why in its error event.
    const refused = async (operation: (channel: Channel) => Promise<unknown>) => {
      const channel = await broker.createChannel();
      const closed = new Promise<Error>((resolve) => channel.once('error', resolve));
      const allowed = operation(channel).then(() => new Error('the broker allowed it'));
      expect((await Promise.race([closed, allowed.catch(() => closed)])).message).toMatch(/ACCESS_REFUSED/);
    };

    it('extraction cannot read, delete or redeclare another service’s queue, nor the shared exchanges', async () => {
      await refused((channel) => channel.consume('metadata.track-status', () => undefined));
      await refused((channel) => channel.get('indexing.index-document.dlq'));
      await refused((channel) => channel.deleteQueue('indexing.index-document'));
      await refused((channel) => channel.deleteExchange('docpipe.events'));
      await refused((channel) => channel.purgeQueue('classification.classify-document'));
    });

    it('extraction can still read its own queue', async () => {
      const channel = await broker.createChannel();
      await expect(channel.checkQueue('extraction.extract-text')).resolves.toMatchObject({ queue: 'extraction.extract-text' });
      await channel.close();
    });
  });
});
