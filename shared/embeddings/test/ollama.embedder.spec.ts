import { createEmbedder } from '../src/create-embedder';
import { embeddingsConfigSchema } from '../src/embeddings.config';
import { OllamaEmbedder } from '../src/ollama.embedder';
import { SifEmbedder } from '../src/sif.embedder';
import { UseEmbedder } from '../src/use.embedder';
import { fakeOllama, type FakeOllama } from './support/fake-ollama';

describe('the Ollama embedder against a server speaking Ollama’s /api/embed', () => {
  let ollama: FakeOllama;

  beforeAll(async () => {
    ollama = await fakeOllama({ dimensions: 4, models: ['nomic-embed-text:v1.5'] });
  });

  afterAll(() => ollama.close());
  beforeEach(() => ollama.requests.splice(0));

  const embedder = (overrides: Partial<ConstructorParameters<typeof OllamaEmbedder>[0]> = {}) =>
    new OllamaEmbedder({ host: ollama.url, model: 'nomic-embed-text:v1.5', dimensions: 4, batchSize: 2, ...overrides });

  it('posts the texts in batches with truncation on, and returns unit vectors in input order', async () => {
    const vectors = await embedder().embed(['alpha', 'beta', 'gamma']);

    expect(ollama.requests).toEqual([
      { method: 'POST', path: '/api/embed', body: { model: 'nomic-embed-text:v1.5', input: ['alpha', 'beta'], truncate: true } },
      { method: 'POST', path: '/api/embed', body: { model: 'nomic-embed-text:v1.5', input: ['gamma'], truncate: true } },
    ]);
    expect(vectors.map((vector) => Array.from(vector))).toEqual(
      ['alpha', 'beta', 'gamma'].map((text) => Array.from(ollama.expected(text))),
    );
    for (const vector of vectors) expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
  });

  it('names itself after the model and its tag', () => {
    expect(embedder()).toMatchObject({ name: 'ollama/nomic-embed-text', version: 'v1.5', dimensions: 4 });
    expect(embedder({ model: 'nomic-embed-text' })).toMatchObject({ name: 'ollama/nomic-embed-text', version: 'latest' });
    expect(embedder({ model: 'localhost:5000/team/embed' })).toMatchObject({ name: 'ollama/localhost:5000/team/embed', version: 'latest' });
  });

  it('makes no request for no texts', async () => {
    expect(await embedder().embed([])).toEqual([]);
    expect(ollama.requests).toEqual([]);
  });

  it('explains how to pull a model the server does not have', async () => {
    await expect(embedder({ model: 'missing-model' }).embed(['x'])).rejects.toMatchObject({
      code: 'embedder_unavailable',
      message: expect.stringContaining('ollama pull missing-model'),
    });
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

describe('createEmbedder', () => {
  it('uses Ollama when OLLAMA_HOST is set, and the offline model OFFLINE_EMBEDDER when it is empty or absent', async () => {
    const remote = await createEmbedder(
      embeddingsConfigSchema.parse({
        OLLAMA_HOST: 'http://ollama:11434',
        OLLAMA_EMBED_MODEL: 'mxbai-embed-large',
        OLLAMA_EMBED_DIMENSIONS: '1024',
      }),
    );
    expect(remote).toBeInstanceOf(OllamaEmbedder);
    expect(remote).toMatchObject({ name: 'ollama/mxbai-embed-large', dimensions: 1024 });

    const sif = await createEmbedder(embeddingsConfigSchema.parse({ OLLAMA_HOST: '', OFFLINE_EMBEDDER: 'sif' }));
    expect(sif).toBeInstanceOf(SifEmbedder);
    const encoder = await createEmbedder(embeddingsConfigSchema.parse({ OLLAMA_HOST: '' }));
    try {
      expect(encoder).toBeInstanceOf(UseEmbedder);
    } finally {
      await encoder.close();
    }
  });
});
