import { statusOfCode } from '../src/errors/error-status';

describe('the HTTP status of an error code', () => {
  it.each([
    ['document_not_found', 404],
    ['page_not_found', 404],
    ['document_finished_conflict', 409],
    ['original_not_stored_conflict', 409],
    ['invalid_request', 400],
    ['empty_file', 400],
    ['unsupported_media_type', 415],
    ['timeout', 503],
    ['service_unavailable', 503],
    ['publish_timeout', 503],
    ['search_index_unavailable', 503],
    ['embedder_unavailable', 503],
    ['embedding_failed', 502],
    ['internal_error', 502],
  ])('%s is %i, as the enumerated codes say', (code, status) => {
    expect(statusOfCode(code)).toBe(status);
  });

  it('is 502 for a code no contract enumerates, whatever it looks like', () => {
    expect(statusOfCode('something_not_found')).toBe(502);
    expect(statusOfCode('constructor')).toBe(502);
  });
});
