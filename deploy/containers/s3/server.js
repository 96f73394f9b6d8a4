// s3rver on 0.0.0.0:9000 with MinIO's interface where the stack touches it: MINIO_ROOT_USER / MINIO_ROOT_PASSWORD
// as the only key pair, the bucket S3_BUCKET created at start, and MinIO's liveness path /minio/health/live.
// The two fixes are those of shared/stack/src/s3.ts (what `npm start` and the tests run), in plain JavaScript
// because this image carries s3rver alone.
'use strict';
const { rm } = require('node:fs/promises');
const S3rver = require('s3rver');
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account');

const accessKey = process.env.MINIO_ROOT_USER;
const secretKey = process.env.MINIO_ROOT_PASSWORD;
const bucket = process.env.S3_BUCKET;
if (!accessKey || !secretKey || !bucket) {
  console.error('docpipe-s3: set MINIO_ROOT_USER, MINIO_ROOT_PASSWORD and S3_BUCKET');
  process.exit(2);
}
DUMMY_ACCOUNT.revokeAccessKey('S3RVER');
DUMMY_ACCOUNT.createKeyPair(accessKey, secretKey);

const escapeXml = (text) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

const health = (ctx, next) => {
  if (ctx.path !== '/minio/health/live') return next();
  ctx.status = 200;
};

// GET /<bucket>?uploads, which s3rver lacks; the minio client asks it before every multipart upload.
const listMultipartUploads = (ctx, next) => {
  const name = /^\/([^/]+)\/?$/.exec(ctx.path)?.[1];
  if (ctx.method !== 'GET' || name === undefined || ctx.query.uploads === undefined) return next();
  const prefix = typeof ctx.query.prefix === 'string' ? ctx.query.prefix : '';
  ctx.type = 'application/xml';
  ctx.body =
    '<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    `<Bucket>${escapeXml(name)}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker>` +
    `<Prefix>${escapeXml(prefix)}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>`;
};

const server = new S3rver({
  address: '0.0.0.0',
  port: 9000,
  directory: '/data',
  silent: true,
  // Path-style only: otherwise a request to http://minio:9000/documents is read as bucket "minio".
  vhostBuckets: false,
  configureBuckets: [{ name: bucket }],
});
server.middleware.splice(server.middleware.length - 1, 0, health, listMultipartUploads);
// s3rver's delete also removes folders it leaves empty, racing with a put into the same folder.
server.store.deleteObject = (name, key) =>
  Promise.all(['object', 'object.md5', 'metadata.json'].map((type) => rm(server.store.getResourcePath(name, key, type), { force: true })));

server.run().then(
  ({ port }) => console.log(`docpipe-s3: s3rver on port ${port}, bucket ${bucket}, objects in /data`),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
