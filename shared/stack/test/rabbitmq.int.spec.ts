import amqp from 'amqplib';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createVhost, deleteVhost, getQueue, startRabbitMq, type RabbitMqServer } from '../src';
import { processesMatching } from './os-processes';

const GUEST = `Basic ${Buffer.from('guest:guest').toString('base64')}`;

describe('startRabbitMq', () => {
  let dataDir: string;
  let server: RabbitMqServer;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'docpipe-rabbitmq-test-'));
    server = await startRabbitMq({ dataDir });
  });

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('listens on loopback ports and names the node after the AMQP port', () => {
    const port = new URL(server.url).port;
    expect(server.url).toBe(`amqp://guest:guest@127.0.0.1:${port}`);
    expect(server.managementUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.nodeName).toBe(`docpipe-${port}@localhost`);
  });

  it('answers the management API with guest credentials', async () => {
    const response = await fetch(`${server.managementUrl}/api/overview`, { headers: { authorization: GUEST } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { node: string }).node).toBe(server.nodeName);
  });

  it('creates a vhost guest can use, reports its queues, and deletes it', async () => {
    await createVhost(server.managementUrl, 'int-test');
    const connection = await amqp.connect(`${server.url}/int-test`);
    const channel = await connection.createChannel();
    await channel.assertQueue('jobs');
    channel.sendToQueue('jobs', Buffer.from('one'));
    await channel.close();
    await connection.close();

    await expect(waitForQueue(server.managementUrl, 'int-test', 'jobs', 1)).resolves.toEqual({ messages: 1, consumers: 0 });
    await expect(getQueue(server.managementUrl, 'int-test', 'missing')).resolves.toBeUndefined();

    await deleteVhost(server.managementUrl, 'int-test');
    await expect(getQueue(server.managementUrl, 'int-test', 'jobs')).resolves.toBeUndefined();
    await expect(deleteVhost(server.managementUrl, 'int-test')).resolves.toBeUndefined();
  });

  it('keeps a persistent message in a durable quorum queue across restart', async () => {
    const before = await amqp.connect(server.url);
    const publisher = await before.createConfirmChannel();
    await publisher.assertQueue('survivor', { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    publisher.sendToQueue('survivor', Buffer.from('still here'), { persistent: true });
    await publisher.waitForConfirms();
    await before.close();

    await server.restart();

    const after = await amqp.connect(server.url);
    const message = await getWithRetry(await after.createChannel(), 'survivor');
    await after.close();
    expect(message).toBe('still here');
  });

  it('stop ends the node VM and is safe to call twice', async () => {
    // The VM's command line names the node only through its HOME, <dataDir>/home.
    const vm = () => processesMatching('beam.smp', join(dataDir, 'home'));
    const vmPid = Number(await readFile(join(dataDir, 'rabbit.pid'), 'utf8'));
    expect(vm()).toHaveLength(1);

    await server.stop();
    await server.stop();

    expect(vm()).toEqual([]);
    expect(() => process.kill(vmPid, 0)).toThrow();
  });
});

async function waitForQueue(managementUrl: string, vhost: string, queue: string, messages: number) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const stats = await getQueue(managementUrl, vhost, queue);
    if (stats?.messages === messages) return stats;
    await sleep(250);
  }
  return getQueue(managementUrl, vhost, queue);
}

// Right after a restart the quorum queue may still be electing its leader.
async function getWithRetry(channel: amqp.Channel, queue: string): Promise<string | undefined> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const message = await channel.get(queue, { noAck: true });
    if (message) return message.content.toString();
    await sleep(250);
  }
  return undefined;
}
