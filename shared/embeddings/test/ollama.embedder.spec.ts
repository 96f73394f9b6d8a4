import { createLogger, NonRetryableError } from '@docpipe/platform';
import { OllamaModelMissingError } from '@docpipe/ollama';
import { useFakeOllama } from '@docpipe/testing';
import { OllamaEmbedder, type OllamaEmbedderOptions } from '../src/ollama.embedder';

const MODEL = 'nomic-embed-text:v1.5';
const FAST_RETRY = { attempts: 3, firstDelayMs: 5, maxDelayMs: 20 };

describe('the Ollama embedder against a server speaking Ollama’s /api/embed', () => {
  const ollama = useFakeOllama({ dimensions: 4, models: [MODEL, 'all-minilm'] });

  const embedder = (overrides: Partial<OllamaEmbedderOptions> = {}) =>
    new OllamaEmbedder({
      host: ollama().url,
      model: MODEL,
      dimensions: 4,
      batchSize: 2,
      timeoutMs: 5_000,
      keepAlive: '30m',
      retry: FAST_RETRY,
      ...overrides,
    });

  it('posts the texts in batches with truncation on and keep_alive, and returns unit vectors in input order', async () => {
    const vectors = await embedder().embed(['alpha', 'beta', 'gamma']);

    expect(ollama().requests.map((request) => request.body)).toEqual([
      expect.objectContaining({
        model: MODEL,
        input: ['search_document: alpha', 'search_document: beta'],
        truncate: true,
        keep_alive: '30m',
      }),
      expect.objectContaining({ model: MODEL, input: ['search_document: gamma'], truncate: true, keep_alive: '30m' }),
    ]);
    expect(vectors.map((vector) => Array.from(vector))).toEqual(
      ['alpha', 'beta', 'gamma'].map((text) => Array.from(ollama().expectedVector(`search_document: ${text}`))),
    );
    for (const vector of vectors) expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
  });

  it('gives nomic-embed-text its task prefixes itself: search_document: for chunks, search_query: for queries', async () => {
    const query = await embedder().embedQuery('who owes money');

    expect(ollama().requests.map((request) => request.body)).toEqual([
      expect.objectContaining({ input: ['search_query: who owes money'] }),
    ]);
    expect(Array.from(query)).toEqual(Array.from(ollama().expectedVector('search_query: who owes money')));
  });

  it('sends a symmetric model’s texts as they are, and names prefixed vectors apart from bare ones', async () => {
    const minilm = embedder({ model: 'all-minilm' });
    await minilm.embed(['alpha']);
    await minilm.embedQuery('alpha');

    expect(ollama().requests.map((request) => (request.body as { input: string[] }).input)).toEqual([['alpha'], ['alpha']]);
    expect(minilm).toMatchObject({ name: 'ollama/all-minilm', version: 'latest' });
    expect(embedder()).toMatchObject({ name: 'ollama/nomic-embed-text', version: 'v1.5+task-prefixes', dimensions: 4 });
    expect(embedder({ model: 'localhost:5000/team/embed' })).toMatchObject({ name: 'ollama/localhost:5000/team/embed', version: 'latest' });
  });

  it('asks for the model’s whole context and does not ship more text than the model can read', async () => {
    await embedder().embed(['x'.repeat(100_000)]);

    const [request] = ollama().requests;
    expect(request?.body).toMatchObject({ options: { num_ctx: 2048 } });
    const [input] = (request?.body as { input: string[] }).input;
    expect(input).toMatch(/^search_document: x+$/);
    expect(input!.length).toBeLessThan(100_000);
    expect(input!.length).toBeGreaterThanOrEqual(2048 * 4);
  });

  it('makes no request for no texts', async () => {
    expect(await embedder().embed([])).toEqual([]);
    expect(ollama().requests).toEqual([]);
  });

  it('abandons a call that hangs past its timeout, as a retryable failure', async () => {
    ollama().script('/api/embed', { hangMs: 1_000 });
    const failure = embedder({ timeoutMs: 100 }).embed(['x']);

    await expect(failure).rejects.toMatchObject({ code: 'embedder_unavailable', message: expect.stringContaining('within 100 ms') });
    await expect(failure).rejects.not.toBeInstanceOf(NonRetryableError);
  });

  it('retries a busy or failing server with backoff, and gives up after the last attempt', async () => {
    ollama().script(
      '/api/embed',
      { status: 503, error: 'server busy, please try again' },
      { status: 500, error: 'llama runner process has terminated' },
    );
    await expect(embedder().embed(['x'])).resolves.toHaveLength(1);
    expect(ollama().requests).toHaveLength(3);

    ollama().reset();
    ollama().script('/api/embed', ...Array.from({ length: 3 }, () => ({ status: 503, error: 'server busy, please try again' })));
    await expect(embedder().embed(['x'])).rejects.toMatchObject({ code: 'embedder_unavailable' });
    expect(ollama().requests).toHaveLength(3);
  });

  it('fails a request the server refuses (4xx) at once, without retrying', async () => {
    ollama().script('/api/embed', { status: 400, error: 'invalid input type' });
    await expect(embedder().embed(['x'])).rejects.toBeInstanceOf(NonRetryableError);
    expect(ollama().requests).toHaveLength(1);
  });

  it('reports a model that is not pulled once, with the pull command, as retryable until it is pulled', async () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 'test', destination: { write: (line: string) => void lines.push(line) } });
    const missing = embedder({ model: 'mxbai-embed-large', logger });

    for (let i = 0; i < 3; i++) {
      const failure = missing.embed(['x']);
      await expect(failure).rejects.toBeInstanceOf(OllamaModelMissingError);
      await expect(failure).rejects.toMatchObject({
        code: 'ollama_model_missing',
        message: expect.stringContaining('ollama pull mxbai-embed-large'),
      });
      await expect(failure).rejects.not.toBeInstanceOf(NonRetryableError);
    }
    expect(ollama().requests).toHaveLength(3);
    expect(lines.filter((line) => line.includes('embedder.model-missing'))).toHaveLength(1);

    ollama().pull('mxbai-embed-large');
    await expect(missing.embed(['x'])).resolves.toHaveLength(1);
  });

  it('refuses vectors of another size than configured, saying what to set', async () => {
    await expect(embedder({ dimensions: 768 }).embed(['x'])).rejects.toMatchObject({
      code: 'embedding_dimension_mismatch',
      message: expect.stringContaining('OLLAMA_EMBED_DIMENSIONS=4'),
    });
  });

  it('reports an unreachable server as unavailable', async () => {
    await expect(embedder({ host: 'http://127.0.0.1:9' }).embed(['x'])).rejects.toMatchObject({ code: 'embedder_unavailable' });
  });
});

describe('the Ollama embedder with a model of nomic-embed-text’s real size', () => {
  const ollama = useFakeOllama({ dimensions: 768, models: [MODEL] });

  it('returns 768-d vectors whole, each the server’s own answer for its text', async () => {
    const embedder = new OllamaEmbedder({
      host: ollama().url,
      model: MODEL,
      dimensions: 768,
      batchSize: 8,
      timeoutMs: 5_000,
      keepAlive: '30m',
    });

    const [first, second] = await embedder.embed(['alpha', 'beta']);

    expect(first).toHaveLength(768);
    expect(Array.from(first!)).toEqual(Array.from(ollama().expectedVector('search_document: alpha')));
    expect(Array.from(second!)).not.toEqual(Array.from(first!));
  });
});
