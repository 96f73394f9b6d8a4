/**
 * What an embedding model expects of its input, so callers only say whether a text is a document or a query.
 * Prefixes from each model's card; context lengths are the models' trained context as Ollama's library ships them.
 */
export interface EmbeddingModelProfile {
  /** Put before every text stored in the index. */
  documentPrefix: string;
  /** Put before every search query. */
  queryPrefix: string;
  /** Tokens the model reads; more is cut by the server. */
  contextTokens: number;
}

const ARCTIC_QUERY = 'Represent this sentence for searching relevant passages: ';

const PROFILES: Record<string, EmbeddingModelProfile> = {
  // nomic-ai/nomic-embed-text-v1.5: "search_document: " / "search_query: " (without them retrieval quality drops).
  'nomic-embed-text': { documentPrefix: 'search_document: ', queryPrefix: 'search_query: ', contextTokens: 2048 },
  'nomic-embed-text-v2-moe': { documentPrefix: 'search_document: ', queryPrefix: 'search_query: ', contextTokens: 512 },
  // mixedbread-ai/mxbai-embed-large-v1 and Snowflake/snowflake-arctic-embed: an instruction before queries only.
  'mxbai-embed-large': { documentPrefix: '', queryPrefix: ARCTIC_QUERY, contextTokens: 512 },
  'snowflake-arctic-embed': { documentPrefix: '', queryPrefix: ARCTIC_QUERY, contextTokens: 512 },
  // google/embeddinggemma-300m: task prompts for retrieval.
  embeddinggemma: { documentPrefix: 'title: none | text: ', queryPrefix: 'task: search result | query: ', contextTokens: 2048 },
  // Symmetric models: no prefixes.
  'all-minilm': { documentPrefix: '', queryPrefix: '', contextTokens: 256 },
  'bge-m3': { documentPrefix: '', queryPrefix: '', contextTokens: 8192 },
  'bge-large': { documentPrefix: '', queryPrefix: '', contextTokens: 512 },
};

/** For a model this table does not know: no prefixes, and the server's own context setting. */
export const UNKNOWN_MODEL: EmbeddingModelProfile & { contextTokens: 0 } = { documentPrefix: '', queryPrefix: '', contextTokens: 0 };

/** The profile of `name` (`model` or `namespace/model`, the tag and namespace ignored); UNKNOWN_MODEL when none. */
export function embeddingModelProfile(name: string): EmbeddingModelProfile {
  const base =
    name
      .replace(/:[^/:]*$/, '')
      .split('/')
      .at(-1) ?? name;
  return PROFILES[base] ?? UNKNOWN_MODEL;
}
