import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeOllama {
  url: string;
  requests: RecordedRequest[];
  /** The unit vector the server answers for a text (a hash of it: stable, distinct per text). */
  expected(text: string): Float32Array;
  close(): Promise<void>;
}

/**
 * A server answering POST /api/embed as Ollama documents it (docs/api.md, "Generate Embeddings"):
 * `{ model, input: string | string[], truncate? }` -> `{ model, embeddings: number[][] }`, and
 * 404 `{ error: 'model "…" not found, try pulling it first' }` for a model it does not have.
 */
export async function fakeOllama(options: { dimensions: number; models: string[] }): Promise<FakeOllama> {
  const requests: RecordedRequest[] = [];
  const raw = (text: string) =>
    Array.from(createHash('sha256').update(text).digest().subarray(0, options.dimensions), (byte) => byte - 127.5);
  const server = createServer((request, response) => {
    void readJson(request).then((body) => {
      requests.push({ method: request.method ?? '', path: request.url ?? '', body });
      const { model, input } = body as { model: string; input: string | string[] };
      response.setHeader('content-type', 'application/json');
      if (request.method !== 'POST' || request.url !== '/api/embed') {
        response.statusCode = 404;
        return response.end(JSON.stringify({ error: 'not found' }));
      }
      if (!options.models.includes(model)) {
        response.statusCode = 404;
        return response.end(JSON.stringify({ error: `model "${model}" not found, try pulling it first` }));
      }
      const texts = Array.isArray(input) ? input : [input];
      response.end(
        JSON.stringify({ model, embeddings: texts.map(raw), total_duration: 1000, load_duration: 10, prompt_eval_count: texts.length }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    expected: (text) => {
      const vector = Float32Array.from(raw(text));
      const norm = Math.hypot(...vector);
      return vector.map((value) => value / norm);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
}
