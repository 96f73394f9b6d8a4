import type { IncomingMessage } from 'node:http';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { FindIdempotentResponse, IngestUpload, SaveIdempotentResponse } from '@docpipe/contracts';
import { RemoteError, RpcClient } from '@docpipe/events';
import { ObjectStore } from '@docpipe/storage';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { requestCorrelationId } from '../correlation.middleware';
import { statusUrlOf } from '../documents/documents.service';
import { ApiError } from '../errors/api-error';
import { remoteErrorMessage } from '../errors/error-status';
import { assertUploadHeaders, stageMultipart, type StagedFile, type StagingLimits } from './multipart-staging';
import { summarise, uploadAnswerSchema, type FileOutcome, type UploadAnswer } from './upload-answer';
import { parseUploadFields, type UploadFields } from './upload-fields';

const MB = 1024 * 1024;
const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/**
 * An upload: files streamed into staging, then each handed to ingestion over RabbitMQ (only keys
 * travel, never bytes). With an Idempotency-Key, a repeated request gets the first answer again.
 */
@Injectable()
export class UploadsService {
  private readonly limits: StagingLimits;

  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(ObjectStore) private readonly store: ObjectStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.limits = { maxBytes: Math.floor(config.MAX_UPLOAD_MB * MB), maxFiles: config.MAX_FILES_PER_UPLOAD };
  }

  /** Checks what can be checked before reading the body: form upload, declared size, Idempotency-Key. */
  assertAcceptable(request: IncomingMessage, idempotencyKey: string | undefined): void {
    assertUploadHeaders(request, this.limits);
    if (idempotencyKey !== undefined && !idempotencyKeyPattern.test(idempotencyKey)) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'invalid_request',
        'An Idempotency-Key is 1-255 printable ASCII characters without spaces',
      );
    }
  }

  /** The answer recorded for this Idempotency-Key, if the request was made before. */
  async replay(tenantId: string, key: string): Promise<UploadAnswer | undefined> {
    const { response } = await this.rpc.call(FindIdempotentResponse, { tenantId, key });
    return response === null ? undefined : uploadAnswerSchema.parse(response);
  }

  async upload(tenantId: string, request: IncomingMessage, idempotencyKey: string | undefined): Promise<UploadAnswer> {
    const staged = await stageMultipart(request, this.store, tenantId, this.limits);
    let fields: UploadFields;
    try {
      fields = parseUploadFields(staged.fields);
    } catch (error) {
      await Promise.all(staged.files.map((file) => this.store.remove(file.stagingKey)));
      throw error;
    }
    const answer = summarise(await Promise.all(staged.files.map((file) => this.ingest(tenantId, file, fields))));
    if (idempotencyKey === undefined || answer.status >= 500) return answer;
    // The first answer recorded wins, so two racing requests with one key still agree.
    const { response } = await this.rpc.call(SaveIdempotentResponse, { tenantId, key: idempotencyKey, response: answer });
    return uploadAnswerSchema.parse(response);
  }

  private async ingest(tenantId: string, file: StagedFile, fields: UploadFields): Promise<FileOutcome> {
    const { stagingKey, fileName, declaredMediaType, sha256, sizeBytes } = file;
    try {
      const ingested = await this.rpc.call(
        IngestUpload,
        { tenantId, stagingKey, sha256, sizeBytes, fileName, declaredMediaType, ...fields },
        this.config.INGEST_TIMEOUT_MS,
      );
      return {
        fileName,
        id: ingested.documentId,
        status: ingested.status,
        mediaType: ingested.mediaType,
        statusUrl: statusUrlOf(ingested.documentId),
        correlationId: requestCorrelationId(),
        ...(ingested.duplicateOf ? { duplicateOf: ingested.duplicateOf } : {}),
      };
    } catch (error) {
      // Ingestion removes what it answered about; after a timeout or a local failure it may never have seen the file.
      await this.store.remove(stagingKey);
      if (!(error instanceof RemoteError)) throw error;
      return { fileName, error: { code: error.code, message: remoteErrorMessage(error) } };
    }
  }
}
