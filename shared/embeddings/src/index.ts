export * from './embedder';
export * from './embeddings.config';
export * from './create-embedder';
export * from './ollama.embedder';
export * from './sif.embedder';
export * from './tokenize';
export * from './use.embedder';
export * from './word-vectors';
