import { HttpStatus } from '@nestjs/common';
import type { RequestErrorCode } from '@docpipe/contracts';

/** Codes the gateway answers with itself, or gets from the runtime it uses, beside the requests' (RequestErrorCode). */
type GatewayErrorCode =
  | 'text_not_found'
  | 'thumbnail_not_found'
  | 'queue_not_found'
  | 'object_not_found'
  | 'empty_file'
  | 'unsupported_media_type'
  | 'identity_provider_unavailable'
  | 'publish_timeout'
  | 'publish_nacked'
  | 'webhook_address_refused'
  | 'webhook_host_not_found';

/**
 * The HTTP status of every code a client can be answered with. A Record over the enumerated codes, so a code added to
 * a request contract does not compile here until it has a status.
 */
const STATUS_OF_CODE: Record<RequestErrorCode | GatewayErrorCode, HttpStatus> = {
  // An outage: worth retrying.
  timeout: HttpStatus.SERVICE_UNAVAILABLE,
  service_unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  identity_provider_unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  publish_timeout: HttpStatus.SERVICE_UNAVAILABLE,
  publish_nacked: HttpStatus.SERVICE_UNAVAILABLE,
  search_index_unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  embedder_unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  document_not_found: HttpStatus.NOT_FOUND,
  original_not_found: HttpStatus.NOT_FOUND,
  text_not_found: HttpStatus.NOT_FOUND,
  page_not_found: HttpStatus.NOT_FOUND,
  thumbnail_not_found: HttpStatus.NOT_FOUND,
  queue_not_found: HttpStatus.NOT_FOUND,
  object_not_found: HttpStatus.NOT_FOUND,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  invalid_request: HttpStatus.BAD_REQUEST,
  question_without_terms: HttpStatus.BAD_REQUEST,
  empty_file: HttpStatus.BAD_REQUEST,
  document_finished_conflict: HttpStatus.CONFLICT,
  original_not_stored_conflict: HttpStatus.CONFLICT,
  registration_conflict: HttpStatus.CONFLICT,
  api_key_not_found: HttpStatus.NOT_FOUND,
  api_key_conflict: HttpStatus.CONFLICT,
  api_key_revoked_conflict: HttpStatus.CONFLICT,
  webhook_not_found: HttpStatus.NOT_FOUND,
  webhook_delivery_not_found: HttpStatus.NOT_FOUND,
  webhook_conflict: HttpStatus.CONFLICT,
  webhook_disabled_conflict: HttpStatus.CONFLICT,
  webhook_address_refused: HttpStatus.BAD_REQUEST,
  webhook_host_not_found: HttpStatus.BAD_REQUEST,
  // What another service got wrong, or the gateway asked wrongly: nothing the client can change.
  document_id_taken: HttpStatus.BAD_GATEWAY,
  foreign_object_key: HttpStatus.BAD_GATEWAY,
  extraction_timeout: HttpStatus.BAD_GATEWAY,
  unknown_request: HttpStatus.BAD_GATEWAY,
  internal_error: HttpStatus.BAD_GATEWAY,
  invalid_reply: HttpStatus.BAD_GATEWAY,
  embedding_failed: HttpStatus.BAD_GATEWAY,
  embedder_invalid_answer: HttpStatus.BAD_GATEWAY,
};

/** The HTTP status of an error code another service (or the gateway itself) answered with; 502 for one not enumerated. */
export function statusOfCode(code: string): number {
  return Object.hasOwn(STATUS_OF_CODE, code) ? STATUS_OF_CODE[code as keyof typeof STATUS_OF_CODE] : HttpStatus.BAD_GATEWAY;
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
