import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AcceptedDocument, ApiClient } from './api-client';

export interface UploadOptions {
  tags: string[];
  /** Called with the bytes sent so far and the file's size. */
  onProgress?: (sent: number, total: number) => void;
}

/**
 * Uploads one file as its own request. The Idempotency-Key is the content hash plus the tags, so running the
 * same upload again (or a watcher restarting mid-file) answers the first upload instead of creating a copy.
 */
export async function uploadFile(api: ApiClient, path: string, options: UploadOptions): Promise<AcceptedDocument> {
  const { size } = await stat(path);
  const idempotencyKey = `sha256-${await contentHash(path, options.tags)}`;
  const boundary = `docpipe-${randomBytes(12).toString('hex')}`;
  const { documents } = await api.request<{ documents: AcceptedDocument[] }>('/api/v1/documents', {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'idempotency-key': idempotencyKey },
    body: ReadableStream.from(multipartBody(path, size, boundary, options)) as unknown as RequestInit['body'],
    duplex: 'half',
  });
  return documents[0]!;
}

async function contentHash(path: string, tags: string[]): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  hash.update(`\0${tags.join(',')}`);
  return hash.digest('hex').slice(0, 64);
}

// fetch's own FormData cannot report how many bytes have gone out, so the multipart framing is written here.
async function* multipartBody(path: string, size: number, boundary: string, options: UploadOptions): AsyncGenerator<Uint8Array> {
  if (options.tags.length > 0) {
    yield Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="tags"\r\n\r\n${JSON.stringify(options.tags)}\r\n`);
  }
  const name = basename(path).replace(/["\\\r\n]/g, '_');
  yield Buffer.from(
    `--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="${name}"; filename*=UTF-8''${encodeURIComponent(basename(path))}\r\n` +
      'content-type: application/octet-stream\r\n\r\n',
  );
  let sent = 0;
  for await (const chunk of createReadStream(path)) {
    sent += (chunk as Buffer).length;
    options.onProgress?.(sent, size);
    yield chunk as Buffer;
  }
  options.onProgress?.(size, size);
  yield Buffer.from(`\r\n--${boundary}--\r\n`);
}
