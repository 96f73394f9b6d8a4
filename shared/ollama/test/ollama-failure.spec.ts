import { createLogger } from '@docpipe/platform';
import { OllamaFailures } from '../src';

const answered = (status: number, message = 'x') => Object.assign(new Error(message), { status_code: status });

describe('telling Ollama failures apart', () => {
  const options = { host: 'http://ollama:11434', model: 'nomic-embed-text', timeoutMs: 100, timeoutVariable: 'OLLAMA_EMBED_TIMEOUT_MS' };

  it('names the server and model, and says which failures a retry can cure', () => {
    const failures = new OllamaFailures({ ...options, missingModelEvent: 'test.model-missing' });

    expect(failures.classify(answered(400, 'invalid input'))).toEqual({
      kind: 'rejected',
      where: 'Ollama at http://ollama:11434 (model nomic-embed-text)',
      reason: 'refused the request with 400: invalid input',
    });
    expect(failures.classify(answered(503, 'loading'))).toMatchObject({ kind: 'unavailable', reason: 'answered 503: loading' });
    expect(failures.classify(answered(429, 'busy'))).toMatchObject({ kind: 'unavailable' });
    expect(failures.classify(new DOMException('aborted', 'TimeoutError'))).toMatchObject({
      kind: 'unavailable',
      reason: 'did not answer within 100 ms (OLLAMA_EMBED_TIMEOUT_MS)',
    });
    expect(failures.classify(new TypeError('fetch failed'))).toMatchObject({ kind: 'unavailable', reason: 'failed: fetch failed' });
  });

  it('reports a missing model once until a call succeeds, with the pull command', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 'test', level: 'error', destination: { write: (line: string) => lines.push(line) } });
    const failures = new OllamaFailures({ ...options, missingModelEvent: 'test.model-missing', logger });
    const missing = () => failures.classify(answered(404, "model 'nomic-embed-text' not found"));

    const first = missing();
    missing();
    expect(first).toMatchObject({ kind: 'model-missing', error: { code: 'ollama_model_missing' } });
    expect(first.kind === 'model-missing' && first.error.message).toContain('ollama pull nomic-embed-text');
    expect(lines).toHaveLength(1);
    failures.succeeded();
    missing();
    expect(lines).toHaveLength(2);
  });
});
