import { createLogger } from '@docpipe/platform';
import type { ChunkHit } from '@docpipe/search-index';
import { OllamaAnswerer } from '../../src/adapters/ollama.answerer';
import type { Answered, Answerer, Passage } from '../../src/answers/answerer';

// Included by jest.config.js only when OLLAMA_HOST is set (a server with OLLAMA_MODEL pulled, llama3.2 by default).
describe('the Ollama answerer on the server at OLLAMA_HOST', () => {
  const passages: Passage[] = [
    'INVOICE\nVendor: Northwind Office Supplies\nTotal due: EUR 4,284.00\nPayment terms: 30 days.',
    'Residential lease agreement. The tenant shall pay a monthly rent of 950 EUR for the apartment.',
  ].map((text, i) => ({
    chunk: {
      chunkId: `d${i}:0`,
      tenantId: 't',
      documentId: `d${i}`,
      ordinal: 0,
      page: 1,
      text,
      documentType: null,
      tags: [],
      fileName: `d${i}.txt`,
      createdAt: '2024-01-01T00:00:00.000Z',
      score: 1,
    } satisfies ChunkHit,
    score: 1,
  }));
  const offline: Answerer = { answer: async (): Promise<Answered> => ({ sentences: [], answerer: { name: 'extractive', version: '1' } }) };
  const answerer = new OllamaAnswerer(
    {
      host: process.env.OLLAMA_HOST ?? '',
      model: process.env.OLLAMA_MODEL ?? 'llama3.2',
      maxChars: 1200,
      timeoutMs: 120_000,
      keepAlive: '5m',
    },
    offline,
    createLogger({ service: 'test', level: 'warn' }),
  );

  it('answers with a sentence of the passage that holds the fact, quoted from it', async () => {
    const { sentences, answerer: by } = await answerer.answer('How much is the monthly rent?', passages, 2);

    expect(by.name).toBe('ollama');
    expect(sentences[0].passage.chunk.documentId).toBe('d1');
    expect(passages[1].chunk.text.slice(sentences[0].start, sentences[0].end)).toContain('950 EUR');
  }, 180_000);
});
