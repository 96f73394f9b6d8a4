import { HttpStatus } from '@nestjs/common';

/** The HTTP status of an error code another service (or the gateway itself) answered with. */
export function statusOfCode(code: string): number {
  if (code === 'timeout' || code === 'service_unavailable' || code === 'identity_provider_unavailable' || code.startsWith('publish_'))
    return HttpStatus.SERVICE_UNAVAILABLE;
  if (code.endsWith('_not_found')) return HttpStatus.NOT_FOUND;
  if (code === 'unsupported_media_type') return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
  if (code === 'invalid_request' || code === 'empty_file') return HttpStatus.BAD_REQUEST;
  if (code.endsWith('_conflict')) return HttpStatus.CONFLICT;
  return HttpStatus.BAD_GATEWAY;
}

const UNAVAILABLE: Record<string, string> = {
  timeout: 'did not answer in time',
  service_unavailable: 'is unreachable',
};

/** What another service's error means for the caller: an outage is said to be one, worth retrying. */
export function remoteErrorMessage(error: { code: string; message: string }): string {
  const problem = UNAVAILABLE[error.code];
  return problem ? `A service behind the gateway ${problem} (${error.message}); try again shortly` : error.message;
}
