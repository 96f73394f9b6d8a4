import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { describeAccepted, IngestUpload, objectKeys, type KnownMediaType, RegisterDocument, type ResponseOf } from '@docpipe/contracts';
import { RemoteError, RpcClient } from '@docpipe/events';
import { AppError, currentContext, LOGGER, runInContext, type Logger } from '@docpipe/platform';
import { ObjectStore } from '@docpipe/storage';
import { INGESTION_CONFIG, type IngestionConfig } from './config';
import { sniffMediaType } from './sniffing/sniff-media-type';

export type IngestRequest = z.output<typeof IngestUpload.request>;
export type IngestResponse = ResponseOf<typeof IngestUpload>;

/** A staged upload that passed inspection. */
interface Inspected {
  request: IngestRequest;
  sizeBytes: number;
  mediaType: KnownMediaType;
}

// After these the metadata service may have recorded the document anyway, so its original must stay.
const UNCERTAIN_OUTCOMES = new Set(['timeout', 'service_unavailable']);

/**
 * Turns a staged upload into a document: checks what the bytes really are, copies them under a
 * server-made key and has metadata record them (or find the same content already recorded), which
 * starts the pipeline.
 * The staging object is removed whatever happens.
 */
@Injectable()
export class IngestionService {
  constructor(
    @Inject(ObjectStore) private readonly store: ObjectStore,
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async ingest(request: IngestRequest): Promise<IngestResponse> {
    if (!isStagingKeyOf(request.tenantId, request.stagingKey)) {
      throw new AppError(
        'invalid_request',
        `${request.stagingKey} is not a staging key of tenant ${request.tenantId} (expected ${objectKeys.staging(request.tenantId, '<upload id>')})`,
      );
    }
    try {
      const inspected = await this.inspect(request);
      const documentId = randomUUID();
      const context = {
        correlationId: currentContext()?.correlationId ?? documentId,
        tenantId: request.tenantId,
        documentId,
      };
      return await runInContext(context, () => this.record(inspected, documentId));
    } finally {
      await this.store.remove(request.stagingKey);
    }
  }

  /** Refuses what is missing, empty, not an accepted type (judged on the first bytes) or not the bytes announced. */
  private async inspect(request: IngestRequest): Promise<Inspected> {
    const stat = await this.store.stat(request.stagingKey);
    if (!stat) throw new AppError('staging_missing', `Nothing is staged at ${request.stagingKey}; upload the file again`);
    if (stat.size === 0) throw new AppError('empty_file', `${request.fileName} is empty (0 bytes); upload a file with content`);
    if (stat.size !== request.sizeBytes) {
      throw new AppError(
        'invalid_request',
        `${request.fileName} was staged with ${stat.size} bytes, not the ${request.sizeBytes} announced`,
      );
    }
    const head = await this.store.head(request.stagingKey, this.config.SNIFF_BYTES);
    const sniffed = await sniffMediaType(head, request.fileName, head.length >= stat.size);
    const accepted = this.config.ACCEPTED_MEDIA_TYPES;
    const mediaType = accepted.find((candidate) => candidate === sniffed?.mediaType);
    if (!mediaType) {
      const what = sniffed?.description ?? 'Binary data of an unknown type';
      throw new AppError('unsupported_media_type', `${what} is not accepted (${request.fileName}); allowed: ${describeAccepted(accepted)}`);
    }
    await this.verifySha256(request);
    return { request, sizeBytes: stat.size, mediaType };
  }

  /** Streams the staged bytes through SHA-256: what is stored and deduplicated must be what the client sent. */
  private async verifySha256(request: IngestRequest): Promise<void> {
    const hash = createHash('sha256');
    for await (const chunk of await this.store.get(request.stagingKey)) hash.update(chunk as Buffer);
    const actual = hash.digest('hex');
    if (actual !== request.sha256) {
      throw new AppError(
        'checksum_mismatch',
        `${request.fileName} was staged with SHA-256 ${actual}, not the ${request.sha256} announced; upload the file again`,
      );
    }
  }

  private async record({ request, sizeBytes, mediaType }: Inspected, documentId: string): Promise<IngestResponse> {
    const objectKey = objectKeys.original(request.tenantId, documentId);
    await this.store.copy(request.stagingKey, objectKey);
    const registered = await this.register({ request, sizeBytes, mediaType }, documentId, objectKey);
    if (registered.duplicateOf) {
      await this.store.remove(objectKey);
      this.logger.info({ event: 'ingestion.duplicate', duplicateOf: registered.duplicateOf }, `${request.fileName} is already stored`);
      return {
        documentId: registered.duplicateOf,
        status: registered.status,
        duplicateOf: registered.duplicateOf,
        mediaType,
      };
    }
    // document.uploaded leaves from metadata's outbox, in the transaction that recorded the document.
    const { fileName } = request;
    this.logger.info(
      { event: 'ingestion.accepted', mediaType, sizeBytes, declaredMediaType: request.declaredMediaType },
      `${fileName} accepted`,
    );
    return { documentId, status: registered.status, duplicateOf: null, mediaType };
  }

  private async register({ request, sizeBytes, mediaType }: Inspected, documentId: string, objectKey: string) {
    const { tenantId, fileName, sha256, tags, metadata } = request;
    try {
      return await this.rpc.call(RegisterDocument, {
        tenantId,
        documentId,
        fileName,
        mediaType,
        sizeBytes,
        sha256,
        objectKey,
        tags,
        metadata,
      });
    } catch (error) {
      if (!(error instanceof RemoteError && UNCERTAIN_OUTCOMES.has(error.code))) await this.store.remove(objectKey);
      throw error;
    }
  }
}

// One path segment after the tenant's staging prefix: no '..', no reaching into another tenant's folder.
const UPLOAD_ID = /^[A-Za-z0-9_-]{1,128}$/;

function isStagingKeyOf(tenantId: string, stagingKey: string): boolean {
  const prefix = objectKeys.staging(tenantId, '');
  return stagingKey.startsWith(prefix) && UPLOAD_ID.test(stagingKey.slice(prefix.length));
}
