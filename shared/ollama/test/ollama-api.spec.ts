import { chatRequestSchema, embedRequestSchema } from '../src/ollama-api';

// Request bodies copied from Ollama's docs/api.md (commit fb30760996871fa9460115c753afd2c60d4ab0f7).
describe('the documented Ollama request schemas', () => {
  it('accept the examples of docs/api.md', () => {
    expect(embedRequestSchema.parse({ model: 'all-minilm', input: 'Why is the sky blue?' })).toBeTruthy();
    expect(embedRequestSchema.parse({ model: 'all-minilm', input: ['Why is the sky blue?', 'Why is the grass green?'] })).toBeTruthy();
    expect(
      chatRequestSchema.parse({ model: 'llama3.2', messages: [{ role: 'user', content: 'why is the sky blue?' }], stream: false }),
    ).toBeTruthy();
    expect(
      chatRequestSchema.parse({
        model: 'llama3.1',
        messages: [{ role: 'user', content: 'Ollama is 22 years old and is busy saving the world. Respond using JSON' }],
        stream: false,
        format: {
          type: 'object',
          properties: { age: { type: 'integer' }, available: { type: 'boolean' } },
          required: ['age', 'available'],
        },
        options: { temperature: 0 },
      }),
    ).toBeTruthy();
    expect(chatRequestSchema.parse({ model: 'llama3.2', messages: [], keep_alive: 0 })).toBeTruthy();
  });

  it('refuse what drifts from them: unknown fields, unknown options, wrong types, a keep_alive Go cannot parse', () => {
    const embed = { model: 'nomic-embed-text', input: ['x'] };
    expect(embedRequestSchema.safeParse({ ...embed, keepAlive: '5m' }).success).toBe(false);
    expect(embedRequestSchema.safeParse({ ...embed, truncate: 'yes' }).success).toBe(false);
    expect(embedRequestSchema.safeParse({ ...embed, options: { context_length: 2048 } }).success).toBe(false);
    expect(embedRequestSchema.safeParse({ ...embed, options: { num_ctx: 2048.5 } }).success).toBe(false);
    expect(embedRequestSchema.safeParse({ ...embed, keep_alive: '-1' }).success).toBe(false);
    expect(embedRequestSchema.safeParse({ ...embed, keep_alive: 300 }).success).toBe(false);
    expect(embedRequestSchema.safeParse({ model: 'nomic-embed-text', prompt: 'x' }).success).toBe(false);
    const chat = { model: 'llama3.2', messages: [{ role: 'user', content: 'x' }] };
    expect(chatRequestSchema.safeParse({ ...chat, format: 'yaml' }).success).toBe(false);
    expect(chatRequestSchema.safeParse({ ...chat, messages: [{ role: 'human', content: 'x' }] }).success).toBe(false);
    expect(chatRequestSchema.safeParse({ ...chat, options: { temperature: '0' } }).success).toBe(false);
    expect(chatRequestSchema.safeParse({ ...chat, prompt: 'x' }).success).toBe(false);
  });
});
