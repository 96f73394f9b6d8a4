// Referenced, not just included, so packages that type-check this source through paths see it too.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./types/s3rver.d.ts" />
import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import S3rver from 's3rver';
import { requireSignatureV4 } from './s3-signature';
import { escapeXml } from './xml';

/** An S3-compatible server (s3rver) on 127.0.0.1; path-style addressing, no TLS. */
export interface S3Server {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
  stop(): Promise<void>;
}

export interface S3Options {
  /** Objects are stored here as files and survive restarts. */
  dataDir: string;
  port?: number;
  /** Created at start when missing. */
  buckets?: string[];
  log?: (message: string) => void;
}

// Local development credentials, like RabbitMQ's guest/guest: every request must be signed with them
// (requireSignatureV4), and the store listens on loopback only.
const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';
const REGION = 'us-east-1';

export async function startS3(options: S3Options): Promise<S3Server> {
  const log = options.log ?? (() => undefined);
  const directory = resolve(options.dataDir);
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
  });
  // Before the router (the last middleware), so it wins over s3rver's NotImplemented answer.
  const credentials = { accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: REGION };
  server.middleware.splice(server.middleware.length - 1, 0, requireSignatureV4(credentials), listMultipartUploads);
  server.store.deleteObject = (bucket, key) => deleteObjectFiles(server.store, bucket, key);
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  log(`s3: s3rver ready on ${endpoint}, objects in ${directory}`);
  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    accessKey: ACCESS_KEY,
    secretKey: SECRET_KEY,
    region: REGION,
    stop: () => (stopping ??= closeServer(server).then(() => log('s3: stopped'))),
  };
}

/**
 * GET /<bucket>?uploads (ListMultipartUploads), which s3rver lacks. The minio client calls it
 * before every multipart upload to resume one in progress; "none in progress" is always true
 * enough here because s3rver forgets unfinished uploads anyway.
 */
const listMultipartUploads: S3rver.Middleware = (ctx, next) => {
  const bucket = /^\/([^/]+)\/?$/.exec(ctx.path)?.[1];
  if (ctx.method !== 'GET' || bucket === undefined || ctx.query.uploads === undefined) return next();
  const prefix = typeof ctx.query.prefix === 'string' ? ctx.query.prefix : '';
  ctx.type = 'application/xml';
  ctx.body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
    `<Bucket>${escapeXml(bucket)}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker>`,
    `<Prefix>${escapeXml(prefix)}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>`,
    '</ListMultipartUploadsResult>',
  ].join('');
};

/**
 * s3rver's own delete also removes the folders it leaves empty, which races with a put into the same
 * folder: the put's file stream then fails with ENOENT on an unhandled 'error' event and takes the whole
 * process down (seen with concurrent uploads of one tenant). This delete removes only the object's files.
 */
async function deleteObjectFiles(store: S3rver.Store, bucket: string, key: string): Promise<void> {
  const files = ['object', 'object.md5', 'metadata.json'].map((type) => store.getResourcePath(bucket, key, type));
  await Promise.all(files.map((file) => rm(file, { force: true })));
}

async function closeServer(server: S3rver): Promise<void> {
  const closed = server.close();
  // Keep-alive sockets (SDK clients pool them) would hold close() open indefinitely.
  server.httpServer?.closeAllConnections();
  await closed;
}
