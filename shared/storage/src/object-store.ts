import { Readable } from 'node:stream';
import { Client, CopyConditions } from 'minio';
import { AppError } from '@docpipe/platform';
import type { StorageConfig } from './storage.config';

export interface StoredObject {
  size: number;
  contentType: string;
  metadata: Record<string, string>;
}

export class ObjectNotFoundError extends AppError {
  constructor(key: string) {
    super('object_not_found', `No object at ${key}`);
  }
}

const MB = 1024 * 1024;
// About what the multipart path held anyway (three 5 MB parts in flight), and larger than most documents: those go up in
// one request, where a multipart upload takes four and makes the store join the parts afterwards.
const SINGLE_PUT_BYTES = 16 * MB;

/**
 * Blobs by key in one bucket. A stream of unknown length that ends within SINGLE_PUT_BYTES (or one part, if larger)
 * goes up in one PUT; a longer one as a multipart upload of S3_PART_SIZE_MB parts, so no large upload is ever held
 * whole in memory.
 */
export class ObjectStore {
  private readonly client: Client;
  // minio sends any body longer than its client's part size as a multipart upload, bytes already in memory too: this
  // client's part size is the single-PUT limit, and it only ever gets bodies within it.
  private readonly wholeClient: Client;
  private readonly singlePutBytes: number;
  readonly bucket: string;

  constructor(private readonly config: StorageConfig) {
    const endpoint = new URL(config.S3_ENDPOINT);
    const options = {
      endPoint: endpoint.hostname,
      port: Number(endpoint.port) || (endpoint.protocol === 'https:' ? 443 : 80),
      useSSL: endpoint.protocol === 'https:',
      accessKey: config.S3_ACCESS_KEY,
      secretKey: config.S3_SECRET_KEY,
      region: config.S3_REGION,
      pathStyle: true,
    };
    this.singlePutBytes = Math.max(SINGLE_PUT_BYTES, config.S3_PART_SIZE_MB * MB);
    this.client = new Client({ ...options, partSize: config.S3_PART_SIZE_MB * MB });
    this.wholeClient = new Client({ ...options, partSize: this.singlePutBytes });
    this.bucket = config.S3_BUCKET;
  }

  async ensureBucket(): Promise<void> {
    if (await this.client.bucketExists(this.bucket)) return;
    await this.client.makeBucket(this.bucket, this.config.S3_REGION).catch(async (error: unknown) => {
      // Another instance may have created it between the check and here.
      if (!(await this.client.bucketExists(this.bucket))) throw error;
    });
  }

  async put(
    key: string,
    body: Readable | Buffer,
    options: { size?: number; contentType?: string; metadata?: Record<string, string> } = {},
  ): Promise<void> {
    const headers = { 'Content-Type': options.contentType ?? 'application/octet-stream', ...prefixed(options.metadata ?? {}) };
    if (Buffer.isBuffer(body) && body.length <= this.singlePutBytes)
      return void (await this.wholeClient.putObject(this.bucket, key, body, body.length, headers));
    if (Buffer.isBuffer(body) || options.size !== undefined)
      return void (await this.client.putObject(this.bucket, key, body, options.size, headers));
    // Without a length the client always starts a multipart upload: 4 requests (find, initiate, part, complete)
    // where most uploads fit one PUT. Reading up to the single-PUT limit first tells which it is.
    const head = await firstPart(body, this.singlePutBytes);
    if (head.ended) return void (await this.wholeClient.putObject(this.bucket, key, head.bytes, head.bytes.length, headers));
    await this.client.putObject(this.bucket, key, Readable.from(concat(head.bytes, head.rest)), undefined, headers);
  }

  async get(key: string): Promise<Readable> {
    return this.client.getObject(this.bucket, key).catch((error: unknown) => rethrowMissing(error, key));
  }

  async getBuffer(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.get(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    try {
      const stat = await this.client.statObject(this.bucket, key);
      const metadata = stat.metaData as Record<string, string>;
      return {
        size: stat.size,
        contentType: metadata['content-type'] ?? 'application/octet-stream',
        metadata: unprefixed(metadata),
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async copy(from: string, to: string): Promise<void> {
    await this.client.copyObject(this.bucket, to, `/${this.bucket}/${from}`, new CopyConditions());
  }

  /** Removing what is not there is fine: deletes are replayed after failures. */
  async remove(key: string): Promise<void> {
    await this.client.removeObject(this.bucket, key);
  }

  async removePrefix(prefix: string): Promise<number> {
    const listed = await this.list(prefix);
    for (const { key } of listed) await this.remove(key);
    return listed.length;
  }

  /** Every object under a prefix, with its ETag (which changes when the object is written again). */
  async list(prefix: string): Promise<{ key: string; etag: string }[]> {
    const listed: { key: string; etag: string }[] = [];
    for await (const item of this.client.listObjectsV2(this.bucket, prefix, true)) {
      if (item.name) listed.push({ key: item.name as string, etag: (item.etag as string | undefined) ?? '' });
    }
    return listed;
  }

  presignedGetUrl(key: string, expirySeconds: number, downloadName?: string): Promise<string> {
    const headers: Record<string, string> = downloadName
      ? { 'response-content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(downloadName)}` }
      : {};
    return this.client.presignedGetObject(this.bucket, key, expirySeconds, headers);
  }

  /** For readiness checks: the store answers and the bucket is there. */
  async check(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) throw new Error(`bucket ${this.bucket} does not exist`);
  }
}

const META_PREFIX = 'x-amz-meta-';

function prefixed(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([key, value]) => [`${META_PREFIX}${key}`, value]));
}

function unprefixed(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(metadata)
      .filter(([key]) => key.toLowerCase() !== 'content-type')
      .map(([key, value]) => [key.toLowerCase().replace(META_PREFIX, ''), value]),
  );
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'NotFound' || code === 'NoSuchKey';
}

function rethrowMissing(error: unknown, key: string): never {
  if (isMissing(error)) throw new ObjectNotFoundError(key);
  throw error;
}

/** The stream's first `limit` bytes or fewer, whether it ended within them, and an iterator over the rest. */
async function firstPart(body: Readable, limit: number): Promise<{ bytes: Buffer; ended: boolean; rest: AsyncIterator<unknown> }> {
  const chunks: Buffer[] = [];
  let length = 0;
  const rest = body[Symbol.asyncIterator]();
  while (length < limit) {
    const next = await rest.next();
    if (next.done) return { bytes: Buffer.concat(chunks), ended: true, rest };
    const chunk = asBuffer(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  return { bytes: Buffer.concat(chunks), ended: false, rest };
}

async function* concat(head: Buffer, rest: AsyncIterator<unknown>): AsyncGenerator<Buffer> {
  yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield asBuffer(next.value);
}

/** A readable in string mode yields strings; the store counts and sends bytes. */
function asBuffer(chunk: unknown): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
}
