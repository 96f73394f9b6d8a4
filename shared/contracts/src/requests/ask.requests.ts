import { z } from 'zod';
import { defineRequest } from '../request';
import { SEARCH_ENGINE_ERRORS } from './search.requests';

/** A passage the answer was drawn from: one indexed chunk, as retrieval ranked it for the question. */
export const askPassageSchema = z.object({
  /** The chunk's id (`<documentId>:<ordinal>`); citations name it. */
  id: z.string(),
  documentId: z.string(),
  fileName: z.string(),
  page: z.number().int().positive().nullable(),
  text: z.string(),
  /** The hybrid search score it was retrieved with. */
  score: z.number(),
});

/** Where a sentence of the answer stands, word for word, in the tenant's documents. */
export const askCitationSchema = z.object({
  passageId: z.string(),
  documentId: z.string(),
  fileName: z.string(),
  page: z.number().int().positive().nullable(),
  /** Character offsets of the sentence in its passage's text: passage.text.slice(start, end) is the sentence. */
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  /** The sentence in its context, HTML-escaped, the sentence itself in <mark></mark>. */
  snippet: z.string(),
});

export const askSentenceSchema = z.object({
  /** Verbatim from the passage (whitespace runs collapsed): the answerer never writes a sentence of its own. */
  text: z.string(),
  /** How well it answers the question, 0…1; the answer holds only sentences at or above the answerer's threshold. */
  score: z.number(),
  citation: askCitationSchema,
});

export const AskQuestion = defineRequest({
  name: 'search.ask',
  service: 'search',
  description:
    "An answer to a question from one tenant's documents: the sentences of the best passages (hybrid search) that answer it best, each with its citation; found: false when none does well enough.",
  request: z.object({
    tenantId: z.string().min(1),
    question: z.string().min(1).max(1000),
    documentType: z.string().optional(),
    tag: z.string().optional(),
    from: z.string().datetime().optional(),
    to: z.string().datetime().optional(),
    /** Passages retrieved and read for the answer. */
    passages: z.number().int().min(1).max(20).default(6),
    /** Sentences the answer holds at most. */
    sentences: z.number().int().min(1).max(5).default(2),
  }),
  response: z.object({
    found: z.boolean(),
    /** The answer's sentences joined, or the statement that the documents hold none. */
    answer: z.string(),
    sentences: z.array(askSentenceSchema),
    passages: z.array(askPassageSchema),
    /** Which answerer wrote it (`extractive` offline, `ollama` with OLLAMA_HOST set), and its version. */
    answerer: z.object({ name: z.string(), version: z.string() }),
    tookMs: z.number().nonnegative(),
  }),
  errors: ['question_without_terms', ...SEARCH_ENGINE_ERRORS],
  // The passages are found in a fraction of the time the answerer then reads them: a client shows them at once.
  progress: z.object({ passages: z.array(askPassageSchema) }),
});

/** What `answer` says when the documents hold no sentence that answers the question well enough. */
export const NO_ANSWER = 'No answer found in your documents.';
