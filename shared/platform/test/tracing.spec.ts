import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createLogger, startTracing } from '../src';

// The OTLP export itself is covered end to end (e2e/test/tracing.int.spec.ts): its HTTP transport loads
// node:http with a dynamic import(), which jest's module sandbox refuses.

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('tracing', () => {
  it('registers nothing with the default exporter: spans are no-ops and log lines carry no trace ids', () => {
    const { stream, lines } = capture();
    const logger = createLogger({ service: 'off', destination: stream });
    startTracing('off', { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' }, logger);

    trace.getTracer('test').startActiveSpan('work', (span) => {
      expect(span.isRecording()).toBe(false);
      logger.info('inside');
      span.end();
    });

    expect(lines()).toEqual([expect.not.objectContaining({ trace_id: expect.anything() })]);
  });

  it('puts the trace and span ids of the active span in log lines, and only while it is active', async () => {
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });
    provider.register();
    const { stream, lines } = capture();
    const logger = createLogger({ service: 'extraction', destination: stream });

    const ids = await trace.getTracer('test').startActiveSpan('extract', async (span) => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.info({ event: 'document.extracted' }, 'inside');
      span.end();
      return span.spanContext();
    });
    logger.info('after');
    await provider.shutdown();

    const [inside, after] = lines();
    expect(inside).toMatchObject({ msg: 'inside', trace_id: ids.traceId, span_id: ids.spanId });
    expect(after).not.toHaveProperty('trace_id');
  });
});
