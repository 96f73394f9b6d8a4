import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'minio';
import { startS3, type S3Server } from '../src';

describe('startS3', () => {
  let dataDir: string;
  let server: S3Server;
  let client: Client;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'docpipe-s3-test-'));
    server = await startS3({ dataDir, buckets: ['documents'] });
    const { hostname, port } = new URL(server.endpoint);
    client = new Client({
      endPoint: hostname,
      port: Number(port),
      useSSL: false,
      accessKey: server.accessKey,
      secretKey: server.secretKey,
      region: server.region,
    });
  });

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps serving while objects of one folder are written and deleted at the same time', async () => {
    // Each round empties the folder (delete) while the next object goes into it (put), as concurrent uploads do.
    for (let round = 0; round < 60; round++) {
      const keys = Array.from({ length: 4 }, (_, i) => `staging/tenant/${round}-${i}`);
      await Promise.all(keys.map((key) => client.putObject('documents', key, Buffer.from(key))));
      await Promise.all(
        keys.flatMap((key, i) => [
          client.removeObject('documents', key),
          client.putObject('documents', `${key}-next-${i}`, Buffer.from('x')),
        ]),
      );
      await Promise.all(keys.map((key, i) => client.removeObject('documents', `${key}-next-${i}`)));
    }
    expect(await client.bucketExists('documents')).toBe(true);
  });
});
