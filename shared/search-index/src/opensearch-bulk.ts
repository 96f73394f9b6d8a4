import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, NonRetryableError } from '@docpipe/platform';
import { bulkIndexLines } from './opensearch-requests';
import type { IndexedChunk } from './search-index';

export interface BulkOptions {
  /** Bytes of NDJSON per request at most; a single chunk larger than this still goes, alone. */
  maxBytes: number;
  /** Rounds for chunks the cluster answers 429 or 5xx; the first round counts. */
  attempts: number;
  /** Base of the exponential backoff between rounds; each wait is a random share of base × 2^round (full jitter). */
  backoffMs: number;
}

type Lines = ReturnType<typeof bulkIndexLines>;
interface Pending {
  chunk: IndexedChunk;
  lines: Lines;
  bytes: number;
}

/** One item of a bulk answer, as OpenSearch's API reference shapes it. */
export interface BulkItemResult {
  status: number;
  error?: { type?: string; reason?: string | null } | null;
}

/**
 * Sends a request and answers each item's result, or `busy` when the whole request was answered 429 or 5xx.
 * `waitForRefresh` asks the cluster to answer once the writes are searchable (without forcing a refresh).
 */
export type SendBulk = (lines: Lines[], waitForRefresh: boolean) => Promise<BulkItemResult[] | 'busy'>;

/**
 * Writes a document's chunks in bulk requests of at most `maxBytes`, item by item: a chunk the cluster is too
 * busy for (429, 5xx) is sent again after a backoff with jitter; a chunk it refuses for good (a mapping error)
 * fails the document at once, naming the reason. Only the last request of a round waits for the refresh, so an
 * indexed document is findable without one refresh per request.
 */
export async function writeInBulk(send: SendBulk, indexName: string, chunks: IndexedChunk[], options: BulkOptions): Promise<void> {
  let pending = chunks.map((chunk): Pending => {
    const lines = bulkIndexLines(indexName, chunk);
    return { chunk, lines, bytes: lines.reduce((sum, line) => sum + Buffer.byteLength(JSON.stringify(line)) + 1, 0) };
  });
  for (let round = 1; pending.length > 0; round++) {
    const busy: Pending[] = [];
    const batches = batchesOf(pending, options.maxBytes);
    for (const [i, batch] of batches.entries()) {
      const results = await send(
        batch.map((item) => item.lines),
        i === batches.length - 1,
      );
      if (results === 'busy') busy.push(...batch);
      else busy.push(...refusedOrBusy(batch, results));
    }
    if (busy.length === 0) return;
    if (round >= options.attempts) {
      throw new AppError(
        'search_index_busy',
        `OpenSearch was still too busy (429/5xx) for ${busy.length} of ${chunks.length} chunks after ${round} attempts; the document will be retried`,
      );
    }
    await sleep(Math.random() * options.backoffMs * 2 ** round);
    pending = busy;
  }
}

/** Consecutive chunks grouped so each request stays within maxBytes. */
export function batchesOf<T extends { bytes: number }>(items: T[], maxBytes: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (current.length > 0 && bytes + item.bytes > maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function refusedOrBusy(batch: Pending[], results: BulkItemResult[]): Pending[] {
  const busy: Pending[] = [];
  results.forEach((result, i) => {
    if (!result.error) return;
    const item = batch[i]!;
    if (result.status === 429 || result.status >= 500) {
      busy.push(item);
      return;
    }
    throw new NonRetryableError(
      'search_index_rejected',
      `OpenSearch refused chunk ${item.chunk.ordinal} of document ${item.chunk.documentId} (${result.status} ${result.error.type ?? 'error'}): ${result.error.reason ?? 'no reason given'}`,
    );
  });
  return busy;
}
