import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import aws4 from 'aws4';
import { Client, type ClientOptions } from 'minio';
import { startS3, type S3Server } from '../src';

describe('startS3', () => {
  let dataDir: string;
  let server: S3Server;
  let client: Client;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'docpipe-s3-test-'));
    server = await startS3({ dataDir, buckets: ['documents'] });
    client = new Client(clientOptions());
  });

  function clientOptions(): ClientOptions {
    const { hostname, port } = new URL(server.endpoint);
    return {
      endPoint: hostname,
      port: Number(port),
      useSSL: false,
      accessKey: server.accessKey,
      secretKey: server.secretKey,
      region: server.region,
    };
  }

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

  describe('refuses what is not signed with its key pair', () => {
    const bucketUrl = () => `${server.endpoint}/documents`;

    it('answers 403 AccessDenied to anonymous reads, writes, lists and deletes, and changes nothing', async () => {
      await client.putObject('documents', 'private/kept.txt', Buffer.from('secret'));
      const answers = await Promise.all([
        fetch(`${bucketUrl()}/private/kept.txt`),
        fetch(`${bucketUrl()}?list-type=2`),
        fetch(`${bucketUrl()}/private/planted.txt`, { method: 'PUT', body: 'planted' }),
        fetch(`${bucketUrl()}/private/kept.txt`, { method: 'DELETE' }),
      ]);
      for (const answer of answers) {
        expect(answer.status).toBe(403);
        expect(await answer.text()).toContain('<Code>AccessDenied</Code>');
      }
      expect((await client.getObject('documents', 'private/kept.txt')).read().toString()).toBe('secret');
      await expect(client.statObject('documents', 'private/planted.txt')).rejects.toMatchObject({ code: 'NotFound' });
    });

    it('answers SignatureDoesNotMatch to a request signed with a wrong secret, and writes nothing', async () => {
      const forger = new Client({ ...clientOptions(), secretKey: 'not-the-secret' });
      await expect(forger.putObject('documents', 'private/forged.txt', Buffer.from('x'))).rejects.toMatchObject({
        code: 'SignatureDoesNotMatch',
      });
      await expect(client.statObject('documents', 'private/forged.txt')).rejects.toMatchObject({ code: 'NotFound' });
    });

    it('answers InvalidAccessKeyId to an unknown access key', async () => {
      const stranger = new Client({ ...clientOptions(), accessKey: 'someone-else' });
      await expect(stranger.listBuckets()).rejects.toMatchObject({ code: 'InvalidAccessKeyId' });
    });

    it('answers RequestTimeTooSkewed to a correctly signed request made an hour ago (a replayed request)', async () => {
      const { host } = new URL(server.endpoint);
      const anHourAgo = new Date(Date.now() - 3600_000).toISOString().replace(/[:-]|\.\d{3}/g, '');
      const signed = aws4.sign(
        { host, path: '/documents?list-type=2', service: 's3', region: server.region, headers: { 'X-Amz-Date': anHourAgo } },
        { accessKeyId: server.accessKey, secretAccessKey: server.secretKey },
      );
      const answer = await fetch(`${server.endpoint}${signed.path}`, { headers: signed.headers as Record<string, string> });
      expect(answer.status).toBe(403);
      expect(await answer.text()).toContain('<Code>RequestTimeTooSkewed</Code>');

      const now = aws4.sign(
        { host, path: '/documents?list-type=2', service: 's3', region: server.region },
        { accessKeyId: server.accessKey, secretAccessKey: server.secretKey },
      );
      expect((await fetch(`${server.endpoint}${now.path}`, { headers: now.headers as Record<string, string> })).status).toBe(200);
    });

    it('serves a presigned URL for its own object only, and not once its signature is altered', async () => {
      await client.putObject('documents', 'shared/a.txt', Buffer.from('object a'));
      await client.putObject('documents', 'shared/b.txt', Buffer.from('object b'));
      const url = await client.presignedGetObject('documents', 'shared/a.txt', 60);
      const fetched = await fetch(url);
      expect(fetched.status).toBe(200);
      expect(await fetched.text()).toBe('object a');

      expect((await fetch(url.replace('/shared/a.txt', '/shared/b.txt'))).status).toBe(403);
      const altered = url.replace(/X-Amz-Signature=([0-9a-f])/, (_, first: string) => `X-Amz-Signature=${first === '0' ? '1' : '0'}`);
      const refused = await fetch(altered);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    });
  });
});
