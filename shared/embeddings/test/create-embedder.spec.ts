import { createEmbedder } from '../src/create-embedder';
import { embeddingsConfigSchema } from '../src/embeddings.config';
import { EnsembleEmbedder } from '../src/ensemble.embedder';
import { OllamaEmbedder } from '../src/ollama.embedder';
import { SifEmbedder } from '../src/sif.embedder';
import { UseEmbedder } from '../src/use.embedder';

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
    const encoder = await createEmbedder(embeddingsConfigSchema.parse({ OLLAMA_HOST: '', OFFLINE_EMBEDDER: 'use' }));
    try {
      expect(encoder).toBeInstanceOf(UseEmbedder);
    } finally {
      await encoder.close();
    }
    const ensemble = await createEmbedder(embeddingsConfigSchema.parse({ OLLAMA_HOST: '' }));
    try {
      expect(ensemble).toBeInstanceOf(EnsembleEmbedder);
      expect(ensemble).toMatchObject({ name: 'use-lite-512d+sif-glove-100d', dimensions: 612 });
    } finally {
      await ensemble.close();
    }
  });

  it('keeps models loaded for 30 minutes by default and refuses a keep-alive Ollama cannot parse', () => {
    expect(embeddingsConfigSchema.parse({}).OLLAMA_KEEP_ALIVE).toBe('30m');
    expect(embeddingsConfigSchema.parse({ OLLAMA_KEEP_ALIVE: '-1m' }).OLLAMA_KEEP_ALIVE).toBe('-1m');
    expect(embeddingsConfigSchema.safeParse({ OLLAMA_KEEP_ALIVE: '-1' }).success).toBe(false);
    expect(embeddingsConfigSchema.safeParse({ OLLAMA_KEEP_ALIVE: '30 minutes' }).success).toBe(false);
  });
});
