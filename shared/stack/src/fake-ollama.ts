import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ollamaRequestSchemas } from '@docpipe/ollama';

export interface OllamaRequestRecord {
  path: string;
  body: unknown;
  /** Where the body departs from Ollama's documented request schema; empty when it conforms. */
  problems: string[];
}

/** What the next call to an endpoint gets instead of a normal answer. */
export type OllamaScript = { status: number; error: string } | { hangMs: number } | { content: string };

export interface FakeOllama {
  url: string;
  requests: OllamaRequestRecord[];
  /** Answers for the next calls to a path, in order; then the normal answer again. */
  script(path: '/api/embed' | '/api/chat', ...steps: OllamaScript[]): void;
  /** A model becomes available, as after `ollama pull`. */
  pull(model: string): void;
  /** The unit vector /api/embed answers for a text (a hash of it: stable, distinct per text). */
  expectedVector(text: string): Float32Array;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A stand-in for an Ollama server (none can run on these machines) speaking POST /api/embed and POST /api/chat
 * as docs/api.md describes them, including the 404 for a model that is not pulled. Every request body is checked
 * against the documented schema (@docpipe/ollama): one that does not conform is recorded with its problems and
 * answered 400, so a drifting request fails the test that sent it.
 */
export async function startFakeOllama(options: {
  models: string[];
  dimensions?: number;
  /** How long every answer takes, as a model on another machine would (the bench's remote engine); 0 by default. */
  latencyMs?: number;
  /** What /api/chat answers when no script says otherwise; `{}` by default. */
  chatAnswer?: string;
}): Promise<FakeOllama> {
  const models = new Set(options.models);
  const dimensions = options.dimensions ?? 8;
  const requests: OllamaRequestRecord[] = [];
  const scripts = new Map<string, OllamaScript[]>();
  // One SHA-256 gives 32 bytes; a larger model's vector (768 for nomic-embed-text) takes further hashes of the text.
  const raw = (text: string) => {
    const blocks = Array.from({ length: Math.ceil(dimensions / 32) }, (_, block) =>
      createHash('sha256')
        .update(block === 0 ? text : `${block}\n${text}`)
        .digest(),
    );
    return Array.from(Buffer.concat(blocks).subarray(0, dimensions), (byte) => byte - 127.5);
  };

  const answer = async (path: string, body: Record<string, unknown>, response: ServerResponse): Promise<void> => {
    const step = scripts.get(path)?.shift();
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    if (step && 'hangMs' in step) await new Promise((resolve) => setTimeout(resolve, step.hangMs));
    if (step && 'status' in step) return send(response, step.status, { error: step.error });
    const model = String(body['model']);
    if (!models.has(model)) {
      // The two handlers word it differently (server/routes.go).
      const error = path === '/api/embed' ? `model '${model}' not found` : `model "${model}" not found, try pulling it first`;
      return send(response, 404, { error });
    }
    if (path === '/api/embed') {
      const input = body['input'];
      const texts = Array.isArray(input) ? (input as string[]) : [input as string];
      return send(response, 200, { model, embeddings: texts.map(raw), total_duration: 1000, load_duration: 10, prompt_eval_count: 1 });
    }
    const content = step && 'content' in step ? step.content : (options.chatAnswer ?? '{}');
    send(response, 200, { model, created_at: new Date().toISOString(), message: { role: 'assistant', content }, done: true });
  };

  const server = createServer((request, response) => {
    void readBody(request).then(async (text) => {
      const path = request.url ?? '';
      const schema = ollamaRequestSchemas[path as keyof typeof ollamaRequestSchemas];
      if (request.method !== 'POST' || !schema) return send(response, 404, { error: `${request.method} ${path} is not served here` });
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      const parsed = schema.safeParse(body);
      const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
      requests.push({ path, body, problems });
      if (problems.length > 0) return send(response, 400, { error: problems.join('; ') });
      await answer(path, body as Record<string, unknown>, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (path, ...steps) => scripts.set(path, [...(scripts.get(path) ?? []), ...steps]),
    pull: (model) => void models.add(model),
    expectedVector: (text) => {
      const vector = Float32Array.from(raw(text));
      const norm = Math.hypot(...vector);
      return vector.map((value) => value / norm);
    },
    reset: () => {
      requests.splice(0);
      scripts.clear();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
