/** The embedder (Ollama or offline) chosen from the configuration at start-up. */
export const EMBEDDER = Symbol('docpipe:embedder');
/** The search index (OpenSearch or LanceDB) of that embedder. */
export const SEARCH_INDEX = Symbol('docpipe:search-index');
