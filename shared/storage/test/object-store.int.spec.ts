import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { loadConfig } from '@docpipe/platform';
import { ObjectNotFoundError, ObjectStore } from '../src/object-store';
import { storageConfigSchema } from '../src/storage.config';

describe('the object store on a real S3-compatible server', () => {
  const config = loadConfig(storageConfigSchema, { ...process.env, S3_PART_SIZE_MB: '5' });
  const store = new ObjectStore(config);
  const prefix = `test/${randomUUID()}/`;

  beforeAll(() => store.ensureBucket());
  afterAll(() => store.removePrefix(prefix));

  it('stores and returns bytes with their type and metadata', async () => {
    await store.put(`${prefix}a.txt`, Buffer.from('hello world'), { contentType: 'text/plain', metadata: { sha256: 'abc' } });

    expect((await store.getBuffer(`${prefix}a.txt`)).toString()).toBe('hello world');
    expect(await store.stat(`${prefix}a.txt`)).toEqual({ size: 11, contentType: 'text/plain', metadata: { sha256: 'abc' } });
  });

  it('says clearly when an object is missing', async () => {
    expect(await store.stat(`${prefix}missing`)).toBeUndefined();
    await expect(store.get(`${prefix}missing`)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('streams a large upload of unknown length in parts, byte-identical', async () => {
    const parts = Array.from({ length: 20 }, () => randomBytes(1024 * 1024));
    const expected = createHash('sha256');
    parts.forEach((part) => expected.update(part));

    await store.put(`${prefix}big.bin`, Readable.from(parts));

    const actual = createHash('sha256');
    for await (const chunk of await store.get(`${prefix}big.bin`)) actual.update(chunk as Buffer);
    expect(actual.digest('hex')).toBe(expected.digest('hex'));
    expect((await store.stat(`${prefix}big.bin`))?.size).toBe(20 * 1024 * 1024);
  });

  it('puts a stream of unknown length up to 16 MB in a single request, and a longer one in parts', async () => {
    const counted = await countingProxy(config.S3_ENDPOINT);
    try {
      const viaProxy = new ObjectStore({ ...config, S3_ENDPOINT: counted.url });
      const small = randomBytes(100 * 1024);
      await viaProxy.put(`${prefix}small.bin`, Readable.from([small.subarray(0, 50_000), small.subarray(50_000)]));
      const forSmall = counted.requests.splice(0);
      await viaProxy.put(`${prefix}ten.bin`, Readable.from(Array.from({ length: 10 }, () => randomBytes(1024 * 1024))));
      const forTen = counted.requests.splice(0);
      await viaProxy.put(`${prefix}parts.bin`, Readable.from(Array.from({ length: 17 }, () => randomBytes(1024 * 1024))));

      expect(forSmall).toEqual([`PUT /${store.bucket}/${prefix}small.bin`]);
      expect(forTen).toEqual([`PUT /${store.bucket}/${prefix}ten.bin`]);
      expect(counted.requests.filter((request) => /[?&]partNumber=/.test(request)).length).toBeGreaterThan(1);
      expect(await store.getBuffer(`${prefix}small.bin`)).toEqual(small);
      expect((await store.stat(`${prefix}ten.bin`))?.size).toBe(10 * 1024 * 1024);
      expect((await store.stat(`${prefix}parts.bin`))?.size).toBe(17 * 1024 * 1024);
    } finally {
      await counted.close();
    }
  });

  it('stores a stream of strings as their UTF-8 bytes, past the single-request size too', async () => {
    const line = `Grüße, 東京 ${'x'.repeat(1024 * 1024)}\n`;
    const lines = Array.from({ length: 17 }, () => line);

    await store.put(`${prefix}text.txt`, Readable.from(lines), { contentType: 'text/plain' });

    expect((await store.getBuffer(`${prefix}text.txt`)).equals(Buffer.from(lines.join('')))).toBe(true);
  });

  it('copies, removes one key and removes a prefix', async () => {
    await store.put(`${prefix}dir/one`, Buffer.from('1'));
    await store.copy(`${prefix}dir/one`, `${prefix}dir/two`);
    expect((await store.getBuffer(`${prefix}dir/two`)).toString()).toBe('1');

    await store.remove(`${prefix}dir/one`);
    await store.remove(`${prefix}dir/one`);
    expect(await store.stat(`${prefix}dir/one`)).toBeUndefined();
    expect(await store.removePrefix(`${prefix}dir/`)).toBe(1);
  });

  it('signs a download URL that works without credentials', async () => {
    await store.put(`${prefix}report.pdf`, Buffer.from('%PDF-1.4 fake'), { contentType: 'application/pdf' });
    const url = await store.presignedGetUrl(`${prefix}report.pdf`, 60, 'Quarterly report.pdf');

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('%PDF-1.4 fake');
  });
});

/** An HTTP proxy in front of the S3 server that records each request's method and path. */
async function countingProxy(target: string): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const upstream = new URL(target);
  const requests: string[] = [];
  const server = createServer((incoming, answer) => {
    requests.push(`${incoming.method} ${incoming.url}`);
    const outgoing = forward(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (response) => {
        answer.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(answer);
      },
    );
    incoming.pipe(outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
