import { createHash } from 'node:crypto';
import { Client } from 'minio';
import { loadConfig } from '@docpipe/platform';
import { storageConfigSchema } from '@docpipe/storage';

function client(): { client: Client; bucket: string } {
  const config = loadConfig(storageConfigSchema);
  const endpoint = new URL(config.S3_ENDPOINT);
  return {
    bucket: config.S3_BUCKET,
    client: new Client({
      endPoint: endpoint.hostname,
      port: Number(endpoint.port),
      useSSL: endpoint.protocol === 'https:',
      accessKey: config.S3_ACCESS_KEY,
      secretKey: config.S3_SECRET_KEY,
      region: config.S3_REGION,
      pathStyle: true,
    }),
  };
}

/** The keys under `prefix` in the test bucket (ObjectStore itself lists nothing). */
export async function listKeys(prefix: string): Promise<string[]> {
  const { client: s3, bucket } = client();
  const keys: string[] = [];
  for await (const item of s3.listObjectsV2(bucket, prefix, true)) keys.push((item as { name: string }).name);
  return keys;
}

export async function sha256Of(key: string): Promise<string> {
  const { client: s3, bucket } = client();
  const hash = createHash('sha256');
  for await (const chunk of await s3.getObject(bucket, key)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes a blob where a worker would (the gateway itself only reads derived blobs). */
export async function putObject(key: string, bytes: Buffer, contentType: string): Promise<void> {
  const { client: s3, bucket } = client();
  await s3.putObject(bucket, key, bytes, bytes.length, { 'Content-Type': contentType });
}

export async function removePrefix(prefix: string): Promise<void> {
  const { client: s3, bucket } = client();
  for (const key of await listKeys(prefix)) await s3.removeObject(bucket, key);
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
