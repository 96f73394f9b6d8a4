import { timingSafeEqual } from 'node:crypto';
import { RequestSigner } from 'aws4';
import type S3rver from 's3rver';
import { escapeXml } from './xml';

export interface S3Credentials {
  accessKey: string;
  secretKey: string;
  region: string;
}

/** What S3 itself answers when a request's time is this far from the server's. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

class S3AuthError extends Error {
  constructor(
    readonly code: 'AccessDenied' | 'InvalidAccessKeyId' | 'SignatureDoesNotMatch' | 'RequestTimeTooSkewed',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Refuses every request that is not signed with Signature V4 by the store's own key pair (Authorization
 * header or presigned query). s3rver serves anonymous requests and accepts any V4 signature of a known
 * access key without checking it, so without this anyone who can reach the port can read, write and delete.
 * The expected signature is computed by aws4 from exactly the headers the client signed.
 */
export function requireSignatureV4(credentials: S3Credentials): S3rver.Middleware {
  return async (ctx, next) => {
    try {
      verify(ctx, credentials, Date.now());
    } catch (error) {
      if (!(error instanceof S3AuthError)) throw error;
      ctx.status = 403;
      ctx.type = 'application/xml';
      ctx.body = errorXml(error);
      return;
    }
    await next();
  };
}

function verify(ctx: S3rver.Context, credentials: S3Credentials, now: number): void {
  const presigned = ctx.query['X-Amz-Algorithm'] !== undefined;
  const header = single(ctx.headers.authorization);
  if (!presigned && header === undefined) {
    throw new S3AuthError(
      'AccessDenied',
      "Anonymous requests are refused: sign them with the S3 store's access key (S3_ACCESS_KEY / S3_SECRET_KEY).",
    );
  }
  const parts = presigned ? presignedParts(ctx) : headerParts(header ?? '', single(ctx.headers['x-amz-date']) ?? '');
  const [accessKey, date, region, service, terminator] = parts.credential.split('/');
  if (accessKey !== credentials.accessKey) {
    throw new S3AuthError('InvalidAccessKeyId', 'The access key id does not exist in this store: use S3_ACCESS_KEY.');
  }
  if (region !== credentials.region || service !== 's3' || terminator !== 'aws4_request' || !parts.amzDate.startsWith(date ?? '-')) {
    throw new S3AuthError(
      'SignatureDoesNotMatch',
      `The credential scope ${parts.credential} does not match this store (region ${credentials.region}).`,
    );
  }
  checkTime(parts, now);
  const signedHeaders = parts.signedHeaders.split(';');
  if (!signedHeaders.includes('host')) throw new S3AuthError('AccessDenied', 'The host header must be signed.');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = single(ctx.headers[name]) ?? '';
  const signer = new RequestSigner(
    {
      service: 's3',
      region,
      method: ctx.method,
      path: presigned ? withoutSignature(ctx.originalUrl) : ctx.originalUrl,
      headers,
      signQuery: presigned,
      doNotModifyHeaders: true,
      // Headers aws4 leaves out by default (user-agent, range, …) count when the client signed them.
      extraHeadersToInclude: Object.fromEntries(signedHeaders.map((name) => [name, true])),
    } as ConstructorParameters<typeof RequestSigner>[0],
    { accessKeyId: credentials.accessKey, secretAccessKey: credentials.secretKey },
  );
  // The signing time is the client's: with doNotModifyHeaders aws4 would otherwise take the clock's.
  signer.datetime = parts.amzDate;
  const expected = Buffer.from(signer.signature(), 'utf8');
  const given = Buffer.from(parts.signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new S3AuthError(
      'SignatureDoesNotMatch',
      'The request signature does not match: check S3_SECRET_KEY and the signing method (Signature V4).',
    );
  }
}

interface SignatureParts {
  credential: string;
  signedHeaders: string;
  signature: string;
  amzDate: string;
  /** Presigned URLs only: seconds the URL stays valid after amzDate. */
  expires?: number;
}

function headerParts(header: string, amzDate: string): SignatureParts {
  const match = /^AWS4-HMAC-SHA256 (.*)$/.exec(header);
  if (!match) throw new S3AuthError('AccessDenied', 'Only Signature V4 (AWS4-HMAC-SHA256) is accepted.');
  const fields = new Map(
    (match[1] ?? '').split(',').map((field) => {
      const [name = '', ...value] = field.trim().split('=');
      return [name, value.join('=')] as const;
    }),
  );
  return {
    credential: fields.get('Credential') ?? '',
    signedHeaders: fields.get('SignedHeaders') ?? '',
    signature: fields.get('Signature') ?? '',
    amzDate,
  };
}

function presignedParts(ctx: S3rver.Context): SignatureParts {
  if (ctx.query['X-Amz-Algorithm'] !== 'AWS4-HMAC-SHA256')
    throw new S3AuthError('AccessDenied', 'Only Signature V4 (AWS4-HMAC-SHA256) is accepted.');
  return {
    credential: single(ctx.query['X-Amz-Credential']) ?? '',
    signedHeaders: single(ctx.query['X-Amz-SignedHeaders']) ?? '',
    signature: single(ctx.query['X-Amz-Signature']) ?? '',
    amzDate: single(ctx.query['X-Amz-Date']) ?? '',
    expires: Number(single(ctx.query['X-Amz-Expires'])),
  };
}

function checkTime(parts: SignatureParts, now: number): void {
  const signedAt = parseAmzDate(parts.amzDate);
  if (signedAt === undefined) throw new S3AuthError('AccessDenied', 'x-amz-date is missing or not in the form YYYYMMDDTHHMMSSZ.');
  if (parts.expires === undefined) {
    if (Math.abs(now - signedAt) > MAX_CLOCK_SKEW_MS) {
      throw new S3AuthError(
        'RequestTimeTooSkewed',
        "The request time differs from the store's by more than 15 minutes: check the client's clock.",
      );
    }
    return;
  }
  if (!Number.isInteger(parts.expires) || parts.expires <= 0 || parts.expires > 7 * 24 * 3600) {
    throw new S3AuthError('AccessDenied', 'X-Amz-Expires must be a number of seconds between 1 and 604800.');
  }
  if (now > signedAt + parts.expires * 1000 || signedAt - now > MAX_CLOCK_SKEW_MS) {
    throw new S3AuthError('AccessDenied', 'This presigned URL has expired: ask for a new one.');
  }
}

function parseAmzDate(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return Date.UTC(year!, month! - 1, day!, hour, minute, second);
}

function withoutSignature(url: string): string {
  const [path = '', query = ''] = url.split('?', 2);
  const kept = query.split('&').filter((pair) => pair !== '' && !pair.startsWith('X-Amz-Signature='));
  return kept.length > 0 ? `${path}?${kept.join('&')}` : path;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function errorXml(error: S3AuthError): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error>`;
}
