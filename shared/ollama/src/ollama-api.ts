import { z } from 'zod';

/**
 * The request bodies of Ollama's POST /api/embed and POST /api/chat as Ollama documents them: docs/openapi.yaml
 * (components.schemas EmbedRequest, ChatRequest, ChatMessage, ModelOptions) and docs/api.md ("Generate Embeddings",
 * "Generate a chat completion", the option list of "Generate request (With options)"), repository ollama/ollama
 * (MIT), commit fb30760996871fa9460115c753afd2c60d4ab0f7. `keep_alive` strings are parsed by Go's
 * time.ParseDuration (api/types.go, Duration.UnmarshalJSON), so "-1" without a unit is refused there.
 *
 * Stricter than the spec on purpose: unknown fields are refused, so a request that drifts from the documented
 * shape (a misspelt or undocumented field) fails the conformance tests instead of being ignored by the server.
 */
export const GO_DURATION = /^(0|[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+)$/;

const goDuration = z.string().regex(GO_DURATION, 'a Go duration such as "5m", "1h30m", "0" or "-1m"');

/** Every option docs/api.md lists ("This example sets every available option"), with the types of its example. */
export const modelOptionsSchema = z
  .object({
    num_keep: z.number().int(),
    seed: z.number().int(),
    num_predict: z.number().int(),
    draft_num_predict: z.number().int(),
    top_k: z.number().int(),
    top_p: z.number(),
    min_p: z.number(),
    typical_p: z.number(),
    repeat_last_n: z.number().int(),
    temperature: z.number(),
    repeat_penalty: z.number(),
    presence_penalty: z.number(),
    frequency_penalty: z.number(),
    penalize_newline: z.boolean(),
    stop: z.union([z.string(), z.array(z.string())]),
    numa: z.boolean(),
    num_ctx: z.number().int().positive(),
    num_batch: z.number().int(),
    num_gpu: z.number().int(),
    main_gpu: z.number().int(),
    use_mmap: z.boolean(),
    num_thread: z.number().int(),
  })
  .partial()
  .strict();

export const embedRequestSchema = z
  .object({
    model: z.string().min(1),
    input: z.union([z.string(), z.array(z.string())]),
    truncate: z.boolean().optional(),
    dimensions: z.number().int().positive().optional(),
    // EmbedRequest.keep_alive is `type: string` in openapi.yaml (a number is documented for chat only).
    keep_alive: goDuration.optional(),
    options: modelOptionsSchema.optional(),
  })
  .strict();

export const chatMessageSchema = z
  .object({
    role: z.enum(['system', 'user', 'assistant', 'tool']),
    content: z.string(),
    images: z.array(z.string()).optional(),
    thinking: z.string().optional(),
    tool_calls: z.array(z.object({ function: z.object({ name: z.string() }).passthrough() })).optional(),
    tool_name: z.string().optional(),
  })
  .strict();

export const chatRequestSchema = z
  .object({
    model: z.string().min(1),
    messages: z.array(chatMessageSchema),
    tools: z.array(z.object({ type: z.literal('function'), function: z.object({ name: z.string() }).passthrough() })).optional(),
    format: z.union([z.literal('json'), z.record(z.unknown())]).optional(),
    options: modelOptionsSchema.optional(),
    stream: z.boolean().optional(),
    think: z.union([z.boolean(), z.enum(['high', 'medium', 'low', 'max'])]).optional(),
    keep_alive: z.union([goDuration, z.number()]).optional(),
    logprobs: z.boolean().optional(),
    top_logprobs: z.number().int().optional(),
  })
  .strict();

export type EmbedRequestBody = z.output<typeof embedRequestSchema>;
export type ChatRequestBody = z.output<typeof chatRequestSchema>;

/** The documented request schema of each endpoint docpipe calls. */
export const ollamaRequestSchemas = {
  '/api/embed': embedRequestSchema,
  '/api/chat': chatRequestSchema,
} as const;
