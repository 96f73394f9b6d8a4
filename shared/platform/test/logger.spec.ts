import { Writable } from 'node:stream';
import { createLogger, runInContext } from '../src';

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
