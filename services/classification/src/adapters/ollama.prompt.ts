import type { Message } from 'ollama';
import { z } from 'zod';
import type { ExtractedText } from '@docpipe/contracts';
import { typeDescriptions, type Taxonomy } from '../taxonomy';

/** Bumped when the wording changes, so results name the prompt that produced them. */
export const PROMPT_VERSION = 'prompt-1';

/** Ollama structured outputs: the server constrains the answer to this JSON schema. */
export function answerFormat(taxonomy: Taxonomy): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      type: { type: 'string', enum: [...taxonomy] },
      confidence: { type: 'number', minimum: 0, maximum: 1 },
    },
    required: ['type', 'confidence'],
  };
}

const answerSchema = z.object({ type: z.string(), confidence: z.number().min(0).max(1) });

/** The answer when it is valid JSON of the schema with a type of the taxonomy; undefined otherwise. */
export function parseAnswer(content: string, taxonomy: Taxonomy): { type: string; confidence: number } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return undefined;
  }
  const answer = answerSchema.safeParse(json);
  return answer.success && taxonomy.includes(answer.data.type) ? answer.data : undefined;
}

export function classificationPrompt(text: ExtractedText, taxonomy: Taxonomy, maxChars: number): Message[] {
  return promptFor(text.pages.map((page) => page.text).join('\n\n'), taxonomy, maxChars);
}

/** The messages for a document's whole text, cut at maxChars. */
export function promptFor(full: string, taxonomy: Taxonomy, maxChars: number): Message[] {
  const excerpt = full.length > maxChars ? `${full.slice(0, maxChars)}\n[… ${full.length - maxChars} more characters]` : full;
  const types = taxonomy.map((label) => `- ${label}: ${typeDescriptions[label] ?? label.replace(/-/g, ' ')}`).join('\n');
  return [
    {
      role: 'system',
      content:
        'You classify documents by type. Possible types:\n' +
        `${types}\n` +
        'Answer with JSON only: {"type": one of the types above, "confidence": your probability from 0 to 1 that the type is right}.',
    },
    { role: 'user', content: `Document:\n"""\n${excerpt}\n"""` },
  ];
}

/** Asked after an answer outside the taxonomy, once. */
export function correction(previous: string, taxonomy: Taxonomy): Message[] {
  return [
    { role: 'assistant', content: previous },
    { role: 'user', content: `That is not a valid answer. "type" must be exactly one of: ${taxonomy.join(', ')}. Answer with JSON only.` },
  ];
}

// Room for the answer: the JSON is ~20 tokens; a thinking model's reasoning comes out of the same budget.
const ANSWER_TOKENS = 512;
// Below this Ollama's default already fits; sizes are powers of two so that few recur and the model is rarely reloaded.
const MIN_CONTEXT = 2048;

/**
 * Tokens a prompt takes, over-estimated without the model's tokenizer: Llama-family tokenizers average about
 * 4 bytes of UTF-8 a token on English and one token per CJK character (3 bytes), so 3 bytes a token covers both.
 */
export function estimateTokens(messages: Message[]): number {
  const bytes = messages.reduce((sum, message) => sum + Buffer.byteLength(message.content, 'utf8'), 0);
  // Each message adds a few template tokens (role markers).
  return Math.ceil(bytes / 3) + 8 * messages.length;
}

/** The context window (num_ctx) for a prompt and its answer; Ollama's default of 4096 tokens would cut a longer prompt silently. */
export function contextWindow(messages: Message[], floor = MIN_CONTEXT): number {
  let size = Math.max(MIN_CONTEXT, floor);
  while (size < estimateTokens(messages) + ANSWER_TOKENS) size *= 2;
  return size;
}
