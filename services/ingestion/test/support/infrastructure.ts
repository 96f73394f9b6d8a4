import { Client } from 'minio';
import { loadConfig } from '@docpipe/platform';
import { storageConfigSchema } from '@docpipe/storage';

/** The keys under `prefix` in the test bucket (the ObjectStore itself has no listing). */
export async function listKeys(prefix: string): Promise<string[]> {
  const config = loadConfig(storageConfigSchema);
  const endpoint = new URL(config.S3_ENDPOINT);
  const client = new Client({
    endPoint: endpoint.hostname,
    port: Number(endpoint.port),
    useSSL: endpoint.protocol === 'https:',
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
    region: config.S3_REGION,
    pathStyle: true,
  });
  const keys: string[] = [];
  for await (const item of client.listObjectsV2(config.S3_BUCKET, prefix, true)) keys.push((item as { name: string }).name);
  return keys;
}
