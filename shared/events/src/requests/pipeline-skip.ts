import { RemoteError, type RpcClient } from '../rpc-client';
import { GetDocument } from './metadata.requests';

/** Why a worker leaves a document alone: cancelled by a user, or deleted (metadata answers not found). */
export type SkipReason = 'document_cancelled' | 'document_deleted';

/**
 * Whether a worker should leave a document alone, asked of metadata right before a stage's expensive work.
 * Metadata holds the status, so the answer survives worker restarts and holds for any number of worker copies,
 * which a worker's own memory of cancel events would not. An outage of metadata throws (the delivery is retried)
 * rather than guessing.
 */
export async function reasonToSkip(
  rpc: RpcClient,
  target: { tenantId: string; documentId: string },
  timeoutMs?: number,
): Promise<SkipReason | null> {
  try {
    const { status } = await rpc.call(GetDocument, target, timeoutMs);
    return status === 'cancelled' ? 'document_cancelled' : null;
  } catch (error) {
    if (error instanceof RemoteError && error.code === 'document_not_found') return 'document_deleted';
    throw error;
  }
}
