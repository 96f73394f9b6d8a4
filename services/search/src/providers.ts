/** The index the alias names and the embedder its vectors came from (ServingIndex), read only. */
export const SERVING_INDEX = Symbol('docpipe:serving-index');
/** The offline second-stage reranker's feature weights (learned by eval:search). */
export const RERANK_WEIGHTS = Symbol('docpipe:rerank-weights');
/** The Ollama reranker when OLLAMA_HOST is set (and SEARCH_OLLAMA_RERANK_TOP > 0), else null. */
export const OLLAMA_RERANKER = Symbol('docpipe:ollama-reranker');
/** The extractive answerer's weights and threshold (learned by eval:ask). */
export const ANSWER_WEIGHTS = Symbol('docpipe:answer-weights');
/** The Ollama answerer's settings when OLLAMA_HOST is set (and ASK_OLLAMA is on), else null: the extractive answerer answers. */
export const OLLAMA_ANSWERS = Symbol('docpipe:ollama-answers');
