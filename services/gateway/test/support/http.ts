import { request } from 'node:http';
import type { Readable } from 'node:stream';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * POSTs with node:http rather than fetch, to control the body: send only headers, or stream a body
 * and stop writing as soon as the server answers (as a client does when refused mid-upload).
 */
export function rawPost(url: string, headers: Record<string, string>, body?: Readable): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers });
    let answered = false;
    outgoing.on('response', (response) => {
      answered = true;
      body?.unpipe(outgoing);
      body?.destroy();
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    // Once the answer is in, the server closing the connection under the unsent rest is expected.
    outgoing.on('error', (error) => !answered && reject(error));
    if (body) body.pipe(outgoing);
    else outgoing.flushHeaders();
  });
}
