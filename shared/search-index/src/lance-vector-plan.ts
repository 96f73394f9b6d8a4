/** How one vector query searches: exactly over the rows its filter allows, or through the ANN index with `nprobes`. */
export type VectorSearchPlan = { exact: true } | { exact: false; nprobes: number };

export interface PlanSettings {
  kind: 'hnsw-sq' | 'ivf-flat';
  nprobes: number;
  /** ivf-flat: rows per k-means partition when the index is built. */
  partitionRows: number;
}

/**
 * IVF probes the partitions nearest the query over the whole table, and a small tenant's nearest chunks mostly lie in
 * other partitions (bench section 5: recall@10 0.70 for a tenant with 1 % of 100,000 chunks). So a filter's rows are
 * searched the cheaper of two ways that both find its true neighbours:
 * - exactly: the `matching` rows compared, found through the scalar index on tenant_id;
 * - through the index with the probes scaled by total / matching, so the probed partitions hold as many of the
 *   filter's rows as a whole-table query sees: nprobes × (total / matching) × partitionRows rows compared.
 * Exact wins while matching² ≤ nprobes × total × partitionRows: up to 90,000 rows of 100,000 and 286,000 of 1,000,000
 * with 10 probes of 8,192 rows. hnsw-sq (one graph, no partitions) takes the same cut-off and its own ef above it.
 */
export function vectorSearchPlan(matching: number, total: number, settings: PlanSettings): VectorSearchPlan {
  const { kind, nprobes, partitionRows } = settings;
  if (matching * matching <= nprobes * total * partitionRows) return { exact: true };
  if (kind === 'hnsw-sq') return { exact: false, nprobes };
  return { exact: false, nprobes: Math.ceil((nprobes * total) / matching) };
}

const COUNT_TTL_MS = 30_000;
const MAX_COUNTS = 1_000;

/**
 * Rows per filter, counted at most every 30 s: a count through the tenant index costs 1-15 ms at 100k-300k rows,
 * too much for every query, and a tenant's size changes slowly. A stale count only misjudges the cost of a search;
 * an exact search stays exact, and a shrunk tenant gets fewer probes than its share asks for until the next count.
 */
export class RowCounts {
  private readonly counts = new Map<string, { rows: number; countedAt: number }>();

  constructor(private readonly count: (where?: string) => Promise<number>) {}

  /** Rows matching `where`; all rows of the table without it. */
  async of(where?: string): Promise<number> {
    const key = where ?? '';
    const known = this.counts.get(key);
    if (known && Date.now() - known.countedAt < COUNT_TTL_MS) return known.rows;
    const rows = await this.count(where);
    // Oldest first out: a Map keeps insertion order, and a recount re-inserts.
    this.counts.delete(key);
    if (this.counts.size >= MAX_COUNTS) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(key, { rows, countedAt: Date.now() });
    return rows;
  }
}
