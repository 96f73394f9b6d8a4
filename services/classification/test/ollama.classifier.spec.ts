import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@docpipe/platform';
import { FALLBACK_CONFIDENCE, OllamaClassifier } from '../src/adapters/ollama.classifier';
import { ClassifierRejectedError, ClassifierUnavailableError } from '../src/errors';
import { DEFAULT_DOCUMENT_TYPES } from '../src/taxonomy';
import { extractedText, invoiceText } from './support/documents';

interface ChatRequest {
  model: string;
  stream: boolean;
  format: { properties: { type: { enum: string[] } } };
  messages: { role: string; content: string }[];
  options: { temperature: number };
}

/**
 * A stand-in for an Ollama server's /api/chat (none runs on these machines): it records each request
 * and answers with the next scripted reply, as Ollama's non-streaming chat does.
 */
class FakeOllama {
  readonly requests: ChatRequest[] = [];
  replies: { status: number; content: string }[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer(async (request, response) => {
      this.requests.push(JSON.parse(await body(request)) as ChatRequest);
      const reply = this.replies.shift() ?? { status: 500, content: 'no reply scripted' };
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(
        reply.status === 200
          ? JSON.stringify({ model: 'llama3.2', message: { role: 'assistant', content: reply.content }, done: true })
          : JSON.stringify({ error: reply.content }),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('the Ollama classifier', () => {
  const ollama = new FakeOllama();
  const taxonomy = [...DEFAULT_DOCUMENT_TYPES];
  let classifier: OllamaClassifier;

  beforeAll(async () => {
    const host = await ollama.start();
    classifier = new OllamaClassifier(
      { host, model: 'llama3.2', timeoutMs: 5_000, maxChars: 200 },
      taxonomy,
      createLogger({ service: 'test', level: 'silent' }),
    );
  });

  afterAll(() => ollama.stop());

  beforeEach(() => {
    ollama.requests.length = 0;
  });

  it('asks for JSON constrained to the taxonomy and returns the answer', async () => {
    ollama.replies = [{ status: 200, content: '{"type":"invoice","confidence":0.91}' }];

    await expect(classifier.classify(extractedText(invoiceText))).resolves.toEqual({ documentType: 'invoice', confidence: 0.91 });
    const [request] = ollama.requests;
    expect(request).toMatchObject({ model: 'llama3.2', stream: false, options: { temperature: 0 } });
    expect(request.format.properties.type.enum).toEqual(taxonomy);
    expect(request.messages.at(-1)!.content).toContain('Northwind Consulting');
    expect(request.messages.at(-1)!.content).toMatch(/more characters\]/);
    expect(classifier.id).toEqual({ name: 'ollama', version: 'llama3.2/prompt-1' });
  });

  it('asks again once when the label is outside the taxonomy, then falls back to other', async () => {
    ollama.replies = [
      { status: 200, content: '{"type":"purchase-order","confidence":0.8}' },
      { status: 200, content: '{"type":"bill","confidence":0.7}' },
    ];

    await expect(classifier.classify(extractedText(invoiceText))).resolves.toEqual({
      documentType: 'other',
      confidence: FALLBACK_CONFIDENCE,
    });
    expect(ollama.requests).toHaveLength(2);
    expect(ollama.requests[1].messages.at(-1)!.content).toMatch(/must be exactly one of/);
  });

  it('accepts a corrected answer on the second try', async () => {
    ollama.replies = [
      { status: 200, content: 'It is an invoice.' },
      { status: 200, content: '{"type":"invoice","confidence":0.88}' },
    ];
    await expect(classifier.classify(extractedText(invoiceText))).resolves.toEqual({ documentType: 'invoice', confidence: 0.88 });
  });

  it('treats a server error as retryable and an unknown model as not', async () => {
    ollama.replies = [{ status: 503, content: 'loading model' }];
    await expect(classifier.classify(extractedText(invoiceText))).rejects.toBeInstanceOf(ClassifierUnavailableError);

    ollama.replies = [{ status: 404, content: 'model "llama3.2" not found, try pulling it first' }];
    await expect(classifier.classify(extractedText(invoiceText))).rejects.toBeInstanceOf(ClassifierRejectedError);
  });
});
