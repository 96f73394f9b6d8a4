import { createLogger } from '@docpipe/platform';
import type { ChunkHit } from '@docpipe/search-index';
import { useFakeOllama } from '@docpipe/testing';
import type { ScoredChunk } from '../src/document-results';
import { OllamaReranker, type OllamaRerankSettings } from '../src/ollama-reranker';

interface ChatRequest {
  model: string;
  stream: boolean;
  keep_alive: string;
  format: { properties: { ranking: { items: { maximum: number } } } };
  messages: { role: string; content: string }[];
  options: { temperature: number; num_ctx: number };
}

const scored = (id: string, score: number): ScoredChunk => ({
  chunk: {
    chunkId: id,
    tenantId: 't',
    documentId: id,
    ordinal: 0,
    page: 1,
    text: `Text of ${id}. ${'More words. '.repeat(100)}`,
    documentType: 'other',
    tags: [],
    fileName: `${id}.pdf`,
    createdAt: '2024-01-01T00:00:00.000Z',
    score,
  } satisfies ChunkHit,
  score,
});
const ids = (ranked: ScoredChunk[]) => ranked.map(({ chunk }) => chunk.chunkId);

describe('the Ollama reranker against a server speaking Ollama’s /api/chat', () => {
  const lines: string[] = [];
  const logger = createLogger({ service: 'test', destination: { write: (line: string) => void lines.push(line) } });
  const ranked = ['a', 'b', 'c', 'd'].map((id, i) => scored(id, 1 - i / 10));
  const ollama = useFakeOllama({ models: ['llama3.2'] });
  const reranker = (overrides: Partial<OllamaRerankSettings> = {}) =>
    new OllamaReranker(
      {
        host: ollama().url,
        model: 'llama3.2',
        top: 3,
        maxChars: 40,
        timeoutMs: 5_000,
        keepAlive: '30m',
        retry: { attempts: 2, firstDelayMs: 5, maxDelayMs: 10 },
        ...overrides,
      },
      logger,
    );

  beforeEach(() => {
    lines.length = 0;
  });

  it('sends the query and the first `top` passages, cut to maxChars, and puts the passages it names first in its order', async () => {
    ollama().script('/api/chat', { content: '{"ranking":[3,1]}' });

    const result = await reranker().rerank('overdue invoice', ranked);

    expect(ids(result)).toEqual(['c', 'a', 'b', 'd']);
    expect(result.map((r) => r.score)).toEqual([4, 3, 2, 1]);
    const [request] = ollama().requests.map((r) => r.body as ChatRequest);
    expect(request).toMatchObject({ model: 'llama3.2', stream: false, keep_alive: '30m', options: { temperature: 0, num_ctx: 2048 } });
    expect(request!.format.properties.ranking.items.maximum).toBe(3);
    const prompt = request!.messages.at(-1)!.content;
    expect(prompt).toContain('Query: overdue invoice');
    expect(prompt).toContain('[3] c.pdf: Text of c.');
    expect(prompt).not.toContain('d.pdf');
    expect(prompt.length).toBeLessThan(250);
  });

  it('ignores numbers outside the passages and repeats', async () => {
    ollama().script('/api/chat', { content: '{"ranking":[2,2,9,0]}' });
    expect(ids(await reranker().rerank('q', ranked))).toEqual(['b', 'a', 'c', 'd']);
  });

  it('answers in the given order, with a warning that names the fix, when the model is missing or the server fails', async () => {
    const missing = await reranker({ model: 'qwen3' }).rerank('q', ranked);
    expect(ids(missing)).toEqual(['a', 'b', 'c', 'd']);
    expect(lines.join('\n')).toMatch(/search\.rerank-unavailable.*ollama pull qwen3/);

    ollama().script('/api/chat', { status: 503, error: 'busy' }, { status: 503, error: 'busy' });
    expect(ids(await reranker().rerank('q', ranked))).toEqual(['a', 'b', 'c', 'd']);
    expect(ollama().requests).toHaveLength(3);

    ollama().script('/api/chat', { content: '{"answer":"c"}' });
    expect(ids(await reranker().rerank('q', ranked))).toEqual(['a', 'b', 'c', 'd']);
    expect(lines.at(-1)).toMatch(/without a ranking/);
  });
});
