import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { GetTimeline, MAX_TIMELINE_SEQ } from '@docpipe/contracts';
import { RemoteError, RpcClient } from '@docpipe/events';
import { LOGGER, type Logger } from '@docpipe/platform';
import { TIMELINE_EVENT, type NotificationSocket, type SubscribeReply } from './sockets/socket-protocol';

const subscribeRequest = z.object({
  documentId: z.string().uuid(),
  afterSeq: z.number().int().nonnegative().max(MAX_TIMELINE_SEQ).default(0),
});

const PAGE = 500;

/**
 * Catches a socket up on one document: replays the timeline entries after `afterSeq` from metadata, asked
 * with the socket's own tenant so another tenant's document answers not found. Live entries reach the
 * socket through its tenant room meanwhile, so a client may see an entry twice and dedupes by seq.
 */
@Injectable()
export class SubscribeToDocumentHandler {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(socket: NotificationSocket, request: unknown): Promise<SubscribeReply> {
    const parsed = subscribeRequest.safeParse(request);
    if (!parsed.success) {
      return failure('invalid_request', 'subscribe takes { documentId: "<document uuid>", afterSeq: <last seq seen, 0 for all> }');
    }
    const { documentId } = parsed.data;
    const { tenantId } = socket.data;
    let afterSeq = parsed.data.afterSeq;
    let replayed = 0;
    try {
      for (;;) {
        const { entries } = await this.rpc.call(GetTimeline, { tenantId, documentId, afterSeq, limit: PAGE });
        for (const entry of entries) socket.emit(TIMELINE_EVENT, { documentId, ...entry });
        replayed += entries.length;
        afterSeq = entries.at(-1)?.seq ?? afterSeq;
        if (entries.length < PAGE) return { ok: true, replayed, lastSeq: afterSeq };
      }
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      if (error.code !== 'document_not_found') {
        this.logger.warn({ err: error, documentId, tenantId }, 'could not replay a document timeline');
      }
      return failure(error.code, error.message);
    }
  }
}

const failure = (code: string, message: string): SubscribeReply => ({ ok: false, error: { code, message } });
