import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { HttpStatus } from '@nestjs/common';
import busboy from 'busboy';
import { objectKeys } from '@docpipe/contracts';
import type { ObjectStore } from '@docpipe/storage';
import { ApiError } from '../errors/api-error';
import { sanitiseFileName } from './file-name';
import { ByteLimitStream, HashingStream } from './streams';

export interface StagedFile {
  stagingKey: string;
  fileName: string;
  declaredMediaType: string;
  sha256: string;
  sizeBytes: number;
}

export interface StagedUpload {
  files: StagedFile[];
  fields: Map<string, string>;
}

export interface StagingLimits {
  maxBytes: number;
  maxFiles: number;
}

const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 64 * 1024;
const MB = 1024 * 1024;

/** Refuses, from the headers alone, a body that is not a form upload or is declared too large. */
export function assertUploadHeaders(request: IncomingMessage, limits: StagingLimits): void {
  if (!/^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '')) {
    throw new ApiError(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'multipart_required',
      'Send the files as multipart/form-data (one part per file)',
    );
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) throw tooLarge(limits.maxBytes, declared);
}

/**
 * Streams every file of a multipart request into the object store under a fresh staging key,
 * hashing it on the way; nothing is held whole in memory, and the request is read only as fast as
 * the store takes it. If anything goes wrong, every object staged so far is removed.
 */
export function stageMultipart(
  request: IncomingMessage,
  store: ObjectStore,
  tenantId: string,
  limits: StagingLimits,
): Promise<StagedUpload> {
  return new MultipartStaging(request, store, tenantId, limits).run();
}

class MultipartStaging {
  private readonly staged: Promise<StagedFile>[] = [];
  private readonly keys: string[] = [];
  // Ending (not destroying) a file's stream lets its upload finish, so the partial object can be removed.
  private readonly cutOffs: (() => void)[] = [];
  private readonly fields = new Map<string, string>();
  private readonly limiter: ByteLimitStream;
  // Set once the outcome is decided: later events (a late error, the request closing) change nothing.
  private over = false;
  private resolve!: (upload: StagedUpload) => void;
  private reject!: (error: Error) => void;

  constructor(
    private readonly request: IncomingMessage,
    private readonly store: ObjectStore,
    private readonly tenantId: string,
    private readonly limits: StagingLimits,
  ) {
    this.limiter = new ByteLimitStream(limits.maxBytes, () => tooLarge(limits.maxBytes));
  }

  run(): Promise<StagedUpload> {
    return new Promise<StagedUpload>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      let parser: busboy.Busboy;
      try {
        const { maxFiles } = this.limits;
        parser = busboy({
          headers: this.request.headers,
          // Browsers send file names as raw UTF-8 (the HTML form encoding), not the Latin-1 busboy assumes by default.
          defParamCharset: 'utf8',
          limits: { files: maxFiles, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: maxFiles + MAX_FIELDS },
        });
      } catch (error) {
        return reject(malformed(error));
      }
      this.listen(parser);
      this.request.pipe(this.limiter).pipe(parser);
    });
  }

  private listen(parser: busboy.Busboy): void {
    const { maxFiles } = this.limits;
    parser.on('file', (_field, file, info) => this.stageFile(file, info));
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return this.fail(invalid(`The ${name} field is longer than ${MAX_FIELD_BYTES / 1024} KiB`));
      this.fields.set(name, value);
    });
    parser.on('filesLimit', () => this.fail(invalid(`At most ${maxFiles} files per upload`)));
    parser.on('fieldsLimit', () => this.fail(invalid(`At most ${MAX_FIELDS} form fields per upload`)));
    parser.on('partsLimit', () => this.fail(invalid(`At most ${maxFiles + MAX_FIELDS} parts per upload`)));
    parser.on('error', (error: Error) => this.fail(malformed(error)));
    parser.on('close', () => this.finish());
    this.limiter.on('error', (error: Error) => this.fail(error));
    this.request.on('close', () => {
      if (!this.request.complete)
        this.fail(new ApiError(HttpStatus.BAD_REQUEST, 'upload_aborted', 'The client stopped sending the upload'));
    });
  }

  private stageFile(file: Readable, info: busboy.FileInfo): void {
    if (this.over) return void file.resume();
    const stagingKey = objectKeys.staging(this.tenantId, randomUUID());
    const hashing = new HashingStream();
    this.keys.push(stagingKey);
    this.cutOffs.push(() => {
      file.unpipe(hashing);
      file.resume();
      hashing.end();
    });
    file.on('error', (error: Error) => this.fail(malformed(error)));
    file.pipe(hashing);
    // The store sends a stream that ends within 16 MB (an empty one too) in one PUT, a longer one in parts.
    const stored = this.store.put(stagingKey, hashing, { contentType: 'application/octet-stream' }).then((): StagedFile => ({
      stagingKey,
      fileName: sanitiseFileName(info.filename),
      declaredMediaType: info.mimeType,
      sha256: hashing.sha256,
      sizeBytes: hashing.sizeBytes,
    }));
    stored.catch((error: Error) => this.fail(error));
    this.staged.push(stored);
  }

  private finish(): void {
    if (this.over) return;
    if (this.staged.length === 0) return this.fail(invalid('The upload has no file: send at least one file part'));
    Promise.all(this.staged).then(
      (files) => {
        if (this.over) return;
        this.over = true;
        this.resolve({ files, fields: this.fields });
      },
      (error: Error) => this.fail(error),
    );
  }

  /** Stops reading, lets the uploads in progress end, removes everything staged, then rejects. */
  private fail(error: Error): void {
    if (this.over) return;
    this.over = true;
    this.request.unpipe(this.limiter);
    for (const cutOff of this.cutOffs) cutOff();
    void Promise.allSettled(this.staged)
      .then(() => Promise.all(this.keys.map((key) => this.store.remove(key))))
      .then(
        () => this.reject(error),
        (cleanup: unknown) => this.reject(new AggregateError([error, cleanup], `${error.message}; removing the staged files failed too`)),
      );
  }
}

function tooLarge(maxBytes: number, declared?: number): ApiError {
  const size = declared === undefined ? 'larger than that' : `${(declared / MB).toFixed(1)} MB`;
  return new ApiError(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'payload_too_large',
    `Uploads may be at most ${maxBytes / MB} MB per request; this one is ${size}`,
  );
}

function invalid(message: string): ApiError {
  return new ApiError(HttpStatus.BAD_REQUEST, 'invalid_request', message);
}

function malformed(error: unknown): ApiError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ApiError(HttpStatus.BAD_REQUEST, 'malformed_multipart', `The multipart body could not be read: ${reason}`);
}
