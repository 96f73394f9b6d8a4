import type { IncomingMessage } from 'node:http';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RemoteError, RpcClient } from '@docpipe/events';
import { FindIdempotentResponse, RegisterDocument, SaveIdempotentResponse } from '@docpipe/contracts';
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
 * An upload: files streamed into staging, then each recorded by metadata in one request, which also
 * enqueues the document.received that hands it to ingestion (only keys travel, never bytes). The answer
 * waits for nothing else: ingestion's checks show later in the document's status. With an
 * Idempotency-Key, a repeated request gets the first answer again.
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
    if (sizeBytes === 0) {
      await this.store.remove(stagingKey);
      return { fileName, error: { code: 'empty_file', message: `${fileName} is empty (0 bytes); upload a file with content` } };
    }
    try {
      const registered = await this.rpc.call(
        RegisterDocument,
        { tenantId, documentId: randomUUID(), stagingKey, sha256, sizeBytes, fileName, declaredMediaType, ...fields },
        this.config.REQUEST_TIMEOUT_MS,
      );
      // The content is stored already under the earlier document: this copy is not needed.
      if (registered.duplicateOf) await this.store.remove(stagingKey);
      return {
        fileName,
        id: registered.documentId,
        status: registered.status,
        mediaType: registered.mediaType,
        statusUrl: statusUrlOf(registered.documentId),
        correlationId: requestCorrelationId(),
        ...(registered.duplicateOf ? { duplicateOf: registered.duplicateOf } : {}),
      };
    } catch (error) {
      // Recorded or not, the answer says the file was not taken: a document recorded anyway finds no bytes and ends rejected.
      await this.store.remove(stagingKey);
      if (!(error instanceof RemoteError)) throw error;
      return { fileName, error: { code: error.code, message: remoteErrorMessage(error) } };
    }
  }
}
