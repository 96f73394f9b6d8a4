import { Writable } from 'node:stream';
import { createLogger, resolveLogFormat, runInContext } from '../src';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
  };
}

describe('createLogger', () => {
  it('writes JSON lines with the service and the context of the work in progress', async () => {
    const { stream, lines } = capture();
    const logger = createLogger({ service: 'extraction', destination: stream });

    logger.info('outside');
    await runInContext({ correlationId: 'corr-1', tenantId: 't1', documentId: 'd1' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.info({ event: 'document.extracted' }, 'inside');
    });

    const [outside, inside] = lines();
    expect(outside).toMatchObject({ level: 'info', service: 'extraction', msg: 'outside' });
    expect(outside).not.toHaveProperty('correlationId');
    expect(inside).toMatchObject({
      service: 'extraction',
      correlationId: 'corr-1',
      tenantId: 't1',
      documentId: 'd1',
      event: 'document.extracted',
      msg: 'inside',
    });
  });
});

describe('secrets in log lines', () => {
  it('never writes the credentials of a URL, in the message, a field, or a logged error’s message, stack and cause', () => {
    const { stream, lines } = capture();
    const logger = createLogger({ service: 'search', destination: stream });
    const failure = new Error('connect ECONNREFUSED https://admin:hunter2@os:9200', {
      cause: new Error('GET https://admin:hunter2@os:9200/_cluster/health failed'),
    });

    logger.warn(
      { node: 'https://admin:hunter2@os:9200', nested: { urls: ['amqp://app:hunter2@rabbit/'] } },
      'cannot reach https://admin:hunter2@os:9200',
    );
    logger.error({ err: failure }, 'search failed');
    logger.error(failure);

    const written = JSON.stringify(lines());
    expect(written).not.toContain('hunter2');
    expect(lines()[0]).toMatchObject({
      node: 'https://***@os:9200',
      nested: { urls: ['amqp://***@rabbit/'] },
      msg: 'cannot reach https://***@os:9200',
    });
    // pino's serializer appends the cause's message.
    const message = 'connect ECONNREFUSED https://***@os:9200: GET https://***@os:9200/_cluster/health failed';
    expect(lines()[1]).toMatchObject({ err: { message }, msg: 'search failed' });
    expect(lines()[2]).toMatchObject({ err: { message }, msg: 'connect ECONNREFUSED https://***@os:9200' });
  });
});

describe('pretty logs for a person at a terminal', () => {
  it('writes one readable line per entry with the time, level, service, correlation id and message, no JSON', async () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ service: 'indexing', destination: stream, format: 'pretty' });

    await runInContext({ correlationId: 'corr-7', tenantId: 't1', documentId: 'd1' }, async () => {
      logger.warn('the index is slow');
    });

    const text = chunks.join('');
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN.*: indexing \[corr-7\] the index is slow\n/);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('chooses pretty for a terminal and JSON elsewhere when LOG_FORMAT is auto, and always what is asked otherwise', () => {
    expect(resolveLogFormat('auto', { isTTY: true })).toBe('pretty');
    expect(resolveLogFormat('auto', {})).toBe('json');
    expect(resolveLogFormat('json', { isTTY: true })).toBe('json');
    expect(resolveLogFormat('pretty', {})).toBe('pretty');
  });
});
