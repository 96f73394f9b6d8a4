import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { loadConfig } from '@docpipe/platform';
import { ObjectNotFoundError, ObjectStore } from '../src/object-store';
import { storageConfigSchema } from '../src/storage.config';

describe('the object store on a real S3-compatible server', () => {
  const store = new ObjectStore(loadConfig(storageConfigSchema, { ...process.env, S3_PART_SIZE_MB: '5' }));
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
    const parts = Array.from({ length: 12 }, () => randomBytes(1024 * 1024));
    const expected = createHash('sha256');
    parts.forEach((part) => expected.update(part));

    await store.put(`${prefix}big.bin`, Readable.from(parts));

    const actual = createHash('sha256');
    for await (const chunk of await store.get(`${prefix}big.bin`)) actual.update(chunk as Buffer);
    expect(actual.digest('hex')).toBe(expected.digest('hex'));
    expect((await store.stat(`${prefix}big.bin`))?.size).toBe(12 * 1024 * 1024);
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
