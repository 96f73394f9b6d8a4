/** The indexes indexing writes (IndexTargets): the configured embedder's, and during a re-embedding the one searches still read. */
export const INDEX_TARGETS = Symbol('docpipe:index-targets');
