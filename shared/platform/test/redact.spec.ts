import { AppError, errorMessage, redactSecrets, redactSecretsIn } from '../src';

describe('secrets never repeated back in messages', () => {
  it('removes user and password from every URL in a text, keeping the server it names', () => {
    expect(redactSecrets('OpenSearch at https://admin:s3cr%40t@search.internal:9200 could not search')).toBe(
      'OpenSearch at https://***@search.internal:9200 could not search',
    );
    expect(redactSecrets('amqp://docpipe:pw@rabbit:5672/ and postgres://app:pw@db/docpipe')).toBe(
      'amqp://***@rabbit:5672/ and postgres://***@db/docpipe',
    );
    expect(redactSecrets('http://only-user@host/ and http://host:9200/path?q=a@b')).toBe(
      'http://***@host/ and http://host:9200/path?q=a@b',
    );
  });

  it('removes authorization header values and api keys written out in text', () => {
    expect(redactSecrets('sent Authorization: Bearer abc.def.ghi, then api_key=k-123 and authorization: basic dXNlcjpwYXNz')).toBe(
      'sent Authorization: Bearer ***, then api_key=*** and authorization: basic ***',
    );
  });

  it('redacts every AppError message and its stack, and the message of anything thrown', () => {
    const error = new AppError('search_index_unavailable', 'OpenSearch at https://admin:hunter2@os:9200 could not search');
    expect(error.message).toBe('OpenSearch at https://***@os:9200 could not search');
    expect(error.stack).not.toContain('hunter2');
    expect(errorMessage(new Error('connect ECONNREFUSED http://u:hunter2@os:9200'))).not.toContain('hunter2');
  });

  it("hands back a log line's fields themselves when none holds a secret, and a masked copy when one does", () => {
    const handled = { event: 'document.extracted', queue: 'indexing.document-extracted', attempt: 1, tags: ['a@b'] };
    expect(redactSecretsIn(handled)).toBe(handled);
    const failed = { queue: 'q', attempts: [{ url: 'amqp://docpipe:pw@rabbit:5672/' }] };
    expect(redactSecretsIn(failed)).toEqual({ queue: 'q', attempts: [{ url: 'amqp://***@rabbit:5672/' }] });
    expect(failed.attempts[0]?.url).toBe('amqp://docpipe:pw@rabbit:5672/');
  });
});
