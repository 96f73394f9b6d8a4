/** The embedder (Ollama or offline) chosen from the configuration at start-up; it must be indexing's. */
export const EMBEDDER = Symbol('docpipe:embedder');
/** The search index (OpenSearch or LanceDB) of that embedder, read only. */
export const SEARCH_INDEX = Symbol('docpipe:search-index');
