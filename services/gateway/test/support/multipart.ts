import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export interface FilePart {
  field?: string;
  fileName: string;
  contentType?: string;
  /** The bytes, or a generator of them for files too large to hold. */
  content: Buffer | (() => AsyncIterable<Buffer>);
}

/** A multipart/form-data body made as a stream, so a test can send 150 MB without holding it. */
export function multipartBody(files: FilePart[], fields: Record<string, string> = {}): { contentType: string; body: Readable } {
  const boundary = `----gateway-test-${randomBytes(8).toString('hex')}`;
  async function* parts(): AsyncGenerator<Buffer> {
    for (const [name, value] of Object.entries(fields)) {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    }
    for (const file of files) {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'files'}"; filename="${file.fileName}"\r\n` +
          `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      );
      if (Buffer.isBuffer(file.content)) yield file.content;
      else yield* file.content();
      yield Buffer.from('\r\n');
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Readable.from(parts(), { objectMode: false }) };
}
