import type { Readable } from 'node:stream';
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

/**
 * Blobs by key in one bucket. Streams go up as multipart uploads of S3_PART_SIZE_MB parts when their
 * length is unknown or large, so no upload is ever held whole in memory.
 */
export class ObjectStore {
  private readonly client: Client;
  readonly bucket: string;

  constructor(private readonly config: StorageConfig) {
    const endpoint = new URL(config.S3_ENDPOINT);
    this.client = new Client({
      endPoint: endpoint.hostname,
      port: Number(endpoint.port) || (endpoint.protocol === 'https:' ? 443 : 80),
      useSSL: endpoint.protocol === 'https:',
      accessKey: config.S3_ACCESS_KEY,
      secretKey: config.S3_SECRET_KEY,
      region: config.S3_REGION,
      pathStyle: true,
      partSize: config.S3_PART_SIZE_MB * MB,
    });
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
    await this.client.putObject(this.bucket, key, body, options.size, {
      'Content-Type': options.contentType ?? 'application/octet-stream',
      ...prefixed(options.metadata ?? {}),
    });
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
