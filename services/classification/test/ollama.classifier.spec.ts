import { DEFAULT_DOCUMENT_TYPES } from '@docpipe/contracts';
import { OllamaModelMissingError } from '@docpipe/ollama';
import { createLogger, NonRetryableError } from '@docpipe/platform';
import { useFakeOllama } from '@docpipe/testing';
import { FALLBACK_CONFIDENCE, OllamaClassifier, type OllamaSettings } from '../src/adapters/ollama.classifier';
import { estimateTokens } from '../src/adapters/ollama.prompt';
import { ClassifierRejectedError, ClassifierUnavailableError } from '../src/errors';
import { extractedText, invoiceText } from './support/documents';

interface ChatRequest {
  model: string;
  stream: boolean;
  keep_alive: string;
  format: { properties: { type: { enum: string[] } } };
  messages: { role: string; content: string }[];
  options: { temperature: number; num_ctx: number };
}

const busy = { status: 503, error: 'server busy, please try again. maximum pending requests exceeded' };

describe('the Ollama classifier against a server speaking Ollama’s /api/chat', () => {
  const taxonomy = [...DEFAULT_DOCUMENT_TYPES];
  const lines: string[] = [];
  const logger = createLogger({ service: 'test', destination: { write: (line: string) => void lines.push(line) } });
  const ollama = useFakeOllama({ models: ['llama3.2'] });
  const chats = () => ollama().requests.map((request) => request.body as ChatRequest);
  const classifier = (overrides: Partial<OllamaSettings> = {}) =>
    new OllamaClassifier(
      {
        host: ollama().url,
        model: 'llama3.2',
        timeoutMs: 5_000,
        maxChars: 200,
        keepAlive: '30m',
        retry: { attempts: 3, firstDelayMs: 5, maxDelayMs: 20 },
        ...overrides,
      },
      taxonomy,
      logger,
    );

  beforeEach(() => {
    lines.length = 0;
  });

  it('asks for JSON constrained to the taxonomy, keeping the model loaded, and returns the answer', async () => {
    ollama().script('/api/chat', { content: '{"type":"invoice","confidence":0.91}' });

    await expect(classifier().classify(extractedText(invoiceText))).resolves.toEqual({ documentType: 'invoice', confidence: 0.91 });
    const [request] = chats();
    expect(request).toMatchObject({ model: 'llama3.2', stream: false, keep_alive: '30m', options: { temperature: 0 } });
    expect(request!.format.properties.type.enum).toEqual(taxonomy);
    expect(request!.messages.at(-1)!.content).toContain('Northwind Consulting');
    expect(request!.messages.at(-1)!.content).toMatch(/more characters\]/);
    expect(classifier().id).toEqual({ name: 'ollama', version: 'llama3.2/prompt-1' });
  });

  it('sizes num_ctx to hold the prompt, with one size for every English document so the model is not reloaded', async () => {
    const long = classifier({ maxChars: 20_000 });
    ollama().script('/api/chat', ...Array.from({ length: 3 }, () => ({ content: '{"type":"report","confidence":0.6}' })));
    await long.classify(extractedText('Quarterly report. '.repeat(1_500)));
    await long.classify(extractedText('A short note.'));
    await long.classify(extractedText('四半期報告書。'.repeat(3_000)));

    const [english, short, japanese] = chats();
    for (const request of [english!, short!, japanese!]) {
      expect(request.options.num_ctx).toBeGreaterThan(estimateTokens(request.messages as never));
      expect(Math.log2(request.options.num_ctx) % 1).toBe(0);
    }
    // Ollama's default context (4096 tokens) would have cut the long English prompt.
    expect(english!.options.num_ctx).toBeGreaterThan(4096);
    expect(short!.options.num_ctx).toBe(english!.options.num_ctx);
    expect(japanese!.options.num_ctx).toBeGreaterThan(english!.options.num_ctx);
  });

  it('asks again once when the label is outside the taxonomy, then falls back to other', async () => {
    ollama().script(
      '/api/chat',
      { content: '{"type":"purchase-order","confidence":0.8}' },
      { content: '{"type":"bill","confidence":0.7}' },
    );

    await expect(classifier().classify(extractedText(invoiceText))).resolves.toEqual({
      documentType: 'other',
      confidence: FALLBACK_CONFIDENCE,
    });
    expect(chats()).toHaveLength(2);
    expect(chats()[1]!.messages.at(-1)!.content).toMatch(/must be exactly one of/);
  });

  it('accepts a corrected answer on the second try', async () => {
    ollama().script('/api/chat', { content: 'It is an invoice.' }, { content: '{"type":"invoice","confidence":0.88}' });
    await expect(classifier().classify(extractedText(invoiceText))).resolves.toEqual({ documentType: 'invoice', confidence: 0.88 });
  });

  it('retries a busy server with backoff, then reports it as retryable', async () => {
    ollama().script('/api/chat', busy, { content: '{"type":"invoice","confidence":0.9}' });
    await expect(classifier().classify(extractedText(invoiceText))).resolves.toMatchObject({ documentType: 'invoice' });
    expect(chats()).toHaveLength(2);

    ollama().reset();
    ollama().script('/api/chat', busy, busy, busy);
    await expect(classifier().classify(extractedText(invoiceText))).rejects.toBeInstanceOf(ClassifierUnavailableError);
    expect(chats()).toHaveLength(3);
  });

  it('abandons a call that hangs past OLLAMA_TIMEOUT_MS as retryable', async () => {
    ollama().script('/api/chat', { hangMs: 1_000 });
    const failure = classifier({ timeoutMs: 100 }).classify(extractedText(invoiceText));
    await expect(failure).rejects.toBeInstanceOf(ClassifierUnavailableError);
    await expect(failure).rejects.toThrow(/within 100 ms/);
  });

  it('reports a model that is not pulled once, with the pull command, and retries documents until it is pulled', async () => {
    const missing = classifier({ model: 'qwen2.5:7b' });
    for (let i = 0; i < 3; i++) {
      const failure = missing.classify(extractedText(invoiceText));
      await expect(failure).rejects.toBeInstanceOf(OllamaModelMissingError);
      await expect(failure).rejects.not.toBeInstanceOf(NonRetryableError);
      await expect(failure).rejects.toThrow('ollama pull qwen2.5:7b');
    }
    expect(lines.filter((line) => line.includes('classifier.model-missing'))).toHaveLength(1);

    ollama().pull('qwen2.5:7b');
    ollama().script('/api/chat', { content: '{"type":"invoice","confidence":0.9}' });
    await expect(missing.classify(extractedText(invoiceText))).resolves.toMatchObject({ documentType: 'invoice' });
  });

  it('fails a request the server refuses for another reason at once', async () => {
    ollama().script('/api/chat', { status: 400, error: 'invalid format' });
    await expect(classifier().classify(extractedText(invoiceText))).rejects.toBeInstanceOf(ClassifierRejectedError);
    expect(chats()).toHaveLength(1);
  });
});
