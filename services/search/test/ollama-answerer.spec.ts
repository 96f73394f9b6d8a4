import { createLogger } from '@docpipe/platform';
import type { ChunkHit } from '@docpipe/search-index';
import { useFakeOllama } from '@docpipe/testing';
import { OllamaAnswerer, type OllamaAnswerSettings } from '../src/adapters/ollama.answerer';
import type { Answered, Answerer, Passage } from '../src/answers/answerer';

interface ChatRequest {
  model: string;
  stream: boolean;
  keep_alive: string;
  format: { properties: { sentences: { items: { properties: { passage: { maximum: number } } } } } };
  messages: { role: string; content: string }[];
  options: { temperature: number };
}

const passage = (id: string, text: string): Passage => ({
  chunk: {
    chunkId: `${id}:0`,
    tenantId: 't',
    documentId: id,
    ordinal: 0,
    page: 1,
    text,
    documentType: 'invoice',
    tags: [],
    fileName: `${id}.pdf`,
    createdAt: '2024-01-01T00:00:00.000Z',
    score: 1,
  } satisfies ChunkHit,
  score: 1,
});

const passages = [
  passage('northwind', 'INVOICE\nTotal due: EUR 4,284.00\nPayment terms: 30 days.'),
  passage('lease', 'The tenant shall pay a monthly rent of 950 EUR.\nThe lease runs for two years.'),
];

// What answers when the model cannot: recognisable in the reply by its name.
const offline: Answerer = {
  answer: async (): Promise<Answered> => ({ sentences: [], answerer: { name: 'extractive', version: '1' } }),
};

describe('the Ollama answerer against a server speaking Ollama’s /api/chat', () => {
  const lines: string[] = [];
  const logger = createLogger({ service: 'test', destination: { write: (line: string) => void lines.push(line) } });
  const ollama = useFakeOllama({ models: ['llama3.2'] });
  const answerer = (overrides: Partial<OllamaAnswerSettings> = {}) =>
    new OllamaAnswerer(
      {
        host: ollama().url,
        model: 'llama3.2',
        maxChars: 1200,
        timeoutMs: 5_000,
        keepAlive: '30m',
        retry: { attempts: 2, firstDelayMs: 5, maxDelayMs: 10 },
        ...overrides,
      },
      offline,
      logger,
    );

  beforeEach(() => {
    lines.length = 0;
  });

  it('sends the question and the numbered passages, and answers with the quotes found word for word in the passages they name', async () => {
    ollama().script('/api/chat', { content: '{"sentences":[{"passage":1,"quote":"Total due:  EUR 4,284.00"}]}' });

    const { sentences, answerer: by } = await answerer().answer('What is the total due?', passages, 2);

    expect(by).toEqual({ name: 'ollama', version: 'llama3.2' });
    expect(sentences).toHaveLength(1);
    const [sentence] = sentences;
    expect(sentence.passage.chunk.documentId).toBe('northwind');
    expect(passages[0].chunk.text.slice(sentence.start, sentence.end)).toBe('Total due: EUR 4,284.00');
    const [request] = ollama().requests.map((r) => r.body as ChatRequest);
    expect(request).toMatchObject({ model: 'llama3.2', stream: false, keep_alive: '30m', options: { temperature: 0 } });
    expect(request!.format.properties.sentences.items.properties.passage.maximum).toBe(2);
    const prompt = request!.messages.at(-1)!.content;
    expect(prompt).toContain('Question: What is the total due?');
    expect(prompt).toContain('[2] lease.pdf: The tenant shall pay a monthly rent of 950 EUR.');
  });

  it('drops a sentence the passage it names does not hold word for word, and answers nothing when the model finds none', async () => {
    ollama().script('/api/chat', {
      content:
        '{"sentences":[{"passage":2,"quote":"Total due: EUR 4,284.00"},{"passage":1,"quote":"The total is about four thousand euros."},{"passage":7,"quote":"x"}]}',
    });
    expect((await answerer().answer('What is the total due?', passages, 2)).sentences).toEqual([]);
    expect(lines.filter((line) => line.includes('search.answer-unquoted'))).toHaveLength(3);

    ollama().script('/api/chat', { content: '{"sentences":[]}' });
    expect(await answerer().answer('Who painted the Sistine Chapel?', passages, 2)).toEqual({
      sentences: [],
      answerer: { name: 'ollama', version: 'llama3.2' },
    });
  });

  it('leaves the answer to the offline answerer, with a warning that names the fix, when the model is missing or the server fails', async () => {
    const missing = await answerer({ model: 'qwen3' }).answer('q', passages, 2);
    expect(missing.answerer.name).toBe('extractive');
    expect(lines.join('\n')).toMatch(/search\.answer-unavailable.*ollama pull qwen3/);

    ollama().script('/api/chat', { status: 503, error: 'busy' }, { status: 503, error: 'busy' });
    expect((await answerer().answer('q', passages, 2)).answerer.name).toBe('extractive');

    ollama().script('/api/chat', { content: '{"answer":"EUR 4,284.00"}' });
    expect((await answerer().answer('q', passages, 2)).answerer.name).toBe('extractive');
    expect(lines.at(-1)).toMatch(/without sentences/);
  });
});
