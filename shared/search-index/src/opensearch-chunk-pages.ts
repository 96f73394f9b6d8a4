import type { API, Client } from '@opensearch-project/opensearch';
import type { Logger } from '@docpipe/platform';
import { refusalOf, type ClusterCall } from './opensearch-native-search';
import { chunksPageBody } from './opensearch-requests';

/** How long the cluster keeps the point in time between two pages; each page renews it, and one page takes far less. */
const PIT_KEEP_ALIVE = '1m';

type Source = Record<string, unknown>;
export type ChunkSourceHit = { _score?: number | null; _source?: Source };

interface ChunkPagesTarget {
  client: Client;
  indexName: string;
  pageSize: number;
  call: ClusterCall;
  logger: Logger;
}

/**
 * Reads a document's chunks page by page with `search_after` on the ordinal. One page is one consistent response;
 * a document longer than a page is read inside a point in time (OpenSearch 2.4+), so a re-indexing of the document
 * between two pages cannot mix its versions. A cluster that refuses points in time (older than 2.4, a user without
 * `indices:data/read/point_in_time/create`) is told once in the log and read without one, as before.
 */
export class OpenSearchChunkPages {
  private pitRefused = false;

  constructor(private readonly target: ChunkPagesTarget) {}

  async read(tenantId: string, documentId: string): Promise<ChunkSourceHit[]> {
    const { client, indexName, pageSize } = this.target;
    const search = (body: API.Search_RequestBody) => this.page(() => client.search({ index: indexName, body }));
    const first = await search(chunksPageBody(tenantId, documentId, pageSize));
    if (first.length < pageSize) return first;
    const pitId = this.pitRefused ? null : await this.openPointInTime();
    if (pitId === null) return this.readOn(first, (after) => search(chunksPageBody(tenantId, documentId, pageSize, after)));
    try {
      // From the start again: the first page was read before the snapshot.
      const inSnapshot = (after?: number) =>
        this.page(() =>
          client.search({ body: chunksPageBody(tenantId, documentId, pageSize, after, { id: pitId, keepAlive: PIT_KEEP_ALIVE }) }),
        );
      return await this.readOn(await inSnapshot(), inSnapshot);
    } finally {
      await this.closePointInTime(pitId);
    }
  }

  /** The pages after `first`, each after the last ordinal of the one before, until a page is not full. */
  private async readOn(first: ChunkSourceHit[], next: (afterOrdinal: number) => Promise<ChunkSourceHit[]>): Promise<ChunkSourceHit[]> {
    const hits = [...first];
    for (let page = first; page.length === this.target.pageSize;) {
      page = await next(Number(page.at(-1)?._source?.ordinal));
      hits.push(...page);
    }
    return hits;
  }

  private async page(request: () => Promise<{ body: API.Search_ResponseBody }>): Promise<ChunkSourceHit[]> {
    const { body } = await this.target.call("read a document's chunks", request);
    return body.hits.hits as ChunkSourceHit[];
  }

  /** The point in time's id; null when the cluster refuses to create one (4xx), which is remembered. */
  private async openPointInTime(): Promise<string | null> {
    const { client, indexName, logger } = this.target;
    let pitId = '';
    const refused = await refusalOf(this.target, 'create a point in time', async () => {
      ({ pit_id: pitId } = (await client.createPit({ index: [indexName], keep_alive: PIT_KEEP_ALIVE })).body);
    });
    if (!refused) return pitId;
    this.pitRefused = true;
    logger.warn(
      { event: 'search-index.point-in-time-refused', index: indexName, status: refused.status, reason: refused.reason },
      'the cluster refused a point in time (OpenSearch before 2.4, or no indices:data/read/point_in_time/create): a document longer than one page is read without one, so a re-indexing while it is read can mix versions',
    );
    return null;
  }

  /** A point in time left open expires after its keep-alive anyway: a failed delete is logged, not thrown over the chunks read. */
  private async closePointInTime(pitId: string): Promise<void> {
    try {
      await this.target.call('delete a point in time', () => this.target.client.deletePit({ body: { pit_id: [pitId] } }));
    } catch (error) {
      this.target.logger.warn(
        { event: 'search-index.point-in-time-left-open', index: this.target.indexName, error: (error as Error).message },
        `the point in time could not be deleted; the cluster drops it after ${PIT_KEEP_ALIVE}`,
      );
    }
  }
}
