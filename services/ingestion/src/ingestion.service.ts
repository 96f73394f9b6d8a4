import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EventPublisher } from '@docpipe/events';
import {
  describeAccepted,
  DocumentRejected,
  DocumentUploaded,
  objectKeys,
  type DocumentReceived,
  type Envelope,
  type KnownMediaType,
  type RejectionCode,
} from '@docpipe/contracts';
import { LOGGER, NonRetryableError, type Logger } from '@docpipe/platform';
import { ObjectStore } from '@docpipe/storage';
import { INGESTION_CONFIG, type IngestionConfig } from './config';
import { sniffMediaType } from './sniffing/sniff-media-type';

type Received = Envelope<typeof DocumentReceived>;

/** Why the bytes are refused, told to the user through the document's status. */
class Rejection {
  constructor(
    readonly code: RejectionCode,
    readonly reason: string,
  ) {}
}

/**
 * Turns a received upload into a stored original: checks what the bytes really are (judged on the first
 * bytes) and that they hash to what the gateway saw, copies them under the document's original key and
 * publishes document.uploaded, or publishes document.rejected. The staging object is removed once the
 * outcome is published; a redelivery after a crash finds the original already stored and publishes again.
 */
@Injectable()
export class IngestionService {
  constructor(
    @Inject(ObjectStore) private readonly store: ObjectStore,
    @Inject(EventPublisher) private readonly events: EventPublisher,
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async ingest(event: Received): Promise<void> {
    assertOwnKeys(event);
    const { stagingKey, objectKey } = event.payload;
    const source = (await this.store.stat(stagingKey)) ? stagingKey : (await this.store.stat(objectKey)) ? objectKey : null;
    const outcome = source === null ? new Rejection('staging_missing', missing(event)) : await this.inspect(event, source);
    if (outcome instanceof Rejection) {
      await this.events.publish(DocumentRejected, { code: outcome.code, reason: outcome.reason });
      this.logger.info({ event: DocumentRejected.type, code: outcome.code }, outcome.reason);
    } else {
      if (source === stagingKey) await this.store.copy(stagingKey, objectKey);
      const { sha256, sizeBytes, fileName, tags } = event.payload;
      await this.events.publish(DocumentUploaded, { objectKey, sha256, sizeBytes, mediaType: outcome, fileName, tags });
      this.logger.info({ event: DocumentUploaded.type, mediaType: outcome, sizeBytes }, `${fileName} stored`);
    }
    await this.store.remove(stagingKey);
  }

  /** The accepted media type of the bytes at `key`, or why they are refused. */
  private async inspect(event: Received, key: string): Promise<KnownMediaType | Rejection> {
    const { fileName, sizeBytes, sha256 } = event.payload;
    const { head, actual } = await this.read(key);
    const sniffed = await sniffMediaType(head, fileName, head.length >= sizeBytes);
    const accepted = this.config.ACCEPTED_MEDIA_TYPES;
    const mediaType = accepted.find((candidate) => candidate === sniffed?.mediaType);
    if (!mediaType) {
      const what = sniffed?.description ?? 'Binary data of an unknown type';
      return new Rejection('unsupported_media_type', `${what} is not accepted (${fileName}); allowed: ${describeAccepted(accepted)}`);
    }
    if (actual !== sha256) {
      return new Rejection(
        'checksum_mismatch',
        `${fileName} was stored with SHA-256 ${actual}, not the ${sha256} received; upload it again`,
      );
    }
    return mediaType;
  }

  /**
   * One pass over the stored bytes: the first SNIFF_BYTES to judge the type, and the SHA-256 of all of them,
   * because what is stored and deduplicated must be what the client sent.
   */
  private async read(key: string): Promise<{ head: Buffer; actual: string }> {
    const hash = createHash('sha256');
    const first: Buffer[] = [];
    let kept = 0;
    for await (const chunk of await this.store.get(key)) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      if (kept < this.config.SNIFF_BYTES) {
        const part = bytes.subarray(0, this.config.SNIFF_BYTES - kept);
        first.push(part);
        kept += part.length;
      }
    }
    return { head: Buffer.concat(first), actual: hash.digest('hex') };
  }
}

// One path segment after the tenant's staging prefix: no '..', no reaching into another tenant's folder.
const UPLOAD_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Only ever the tenant's own staging object and the document's own original, whatever the event says. */
function assertOwnKeys({ tenantId, documentId, payload }: Received): void {
  const prefix = objectKeys.staging(tenantId, '');
  const { stagingKey, objectKey } = payload;
  if (!stagingKey.startsWith(prefix) || !UPLOAD_ID.test(stagingKey.slice(prefix.length))) {
    throw new NonRetryableError('foreign_staging_key', `${stagingKey} is not a staging key of tenant ${tenantId}`);
  }
  if (objectKey !== objectKeys.original(tenantId, documentId)) {
    throw new NonRetryableError('foreign_object_key', `${objectKey} is not the original key of document ${documentId}`);
  }
}

function missing({ payload }: Received): string {
  return `Nothing is staged at ${payload.stagingKey} for ${payload.fileName}; upload the file again`;
}
