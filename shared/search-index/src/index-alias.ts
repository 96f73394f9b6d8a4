/** The model that made an index's vectors: name and version as the embedder reports them, and how to make it again. */
export interface EmbedderRecord {
  name: string;
  version: string;
  dimensions: number;
  /** Engine and model, no host or secret (`EmbedderSettings` of @docpipe/embeddings, which validates them). */
  settings: unknown;
}

/** The physical index that searches read, and the embedder its queries must be embedded with. */
export interface AliasTarget {
  indexName: string;
  /** Null for an index aliased before embedders were recorded: only its name is known. */
  embedder: EmbedderRecord | null;
}

/**
 * The one pointer every reader follows to the index it searches. A new embedder's index is built beside the old one
 * while the alias still names the old one; `switchTo` then moves every reader over in one atomic step.
 */
export interface IndexAlias {
  read(): Promise<AliasTarget | null>;
  switchTo(target: AliasTarget & { embedder: EmbedderRecord }): Promise<void>;
  close(): Promise<void>;
}
