import { cosineSimilarity } from '../../src/embedder';
import { embeddingsConfigSchema } from '../../src/embeddings.config';
import { createEmbedder } from '../../src/create-embedder';
import { OllamaEmbedder } from '../../src/ollama.embedder';

// Included by jest.config.js only when OLLAMA_HOST is set; the model must be pulled on that server.
describe(`the Ollama embedder on the server at OLLAMA_HOST`, () => {
  it('embeds texts to unit vectors of the configured size, a paraphrase closer than an unrelated text', async () => {
    const config = embeddingsConfigSchema.parse(process.env);
    const embedder = await createEmbedder(config);
    expect(embedder).toBeInstanceOf(OllamaEmbedder);

    const [invoice, paraphrase, unrelated] = await embedder.embed([
      'The invoice total is due within thirty days.',
      'Payment of the bill must be made within a month.',
      'The football team won the championship.',
    ]);

    expect(invoice).toHaveLength(config.OLLAMA_EMBED_DIMENSIONS);
    expect(Math.hypot(...invoice)).toBeCloseTo(1, 4);
    expect(cosineSimilarity(invoice, paraphrase)).toBeGreaterThan(cosineSimilarity(invoice, unrelated));
  });
});
