/** The embedder (Ollama or offline) chosen from the configuration at start-up; it must be indexing's. */
export const EMBEDDER = Symbol('docpipe:embedder');
/** The search index (OpenSearch or LanceDB) of that embedder, read only. */
export const SEARCH_INDEX = Symbol('docpipe:search-index');
/** The offline second-stage reranker's feature weights (learned by eval:search). */
export const RERANK_WEIGHTS = Symbol('docpipe:rerank-weights');
/** The Ollama reranker when OLLAMA_HOST is set (and SEARCH_OLLAMA_RERANK_TOP > 0), else null. */
export const OLLAMA_RERANKER = Symbol('docpipe:ollama-reranker');
