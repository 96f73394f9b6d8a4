import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callOllama, createOllamaClient, isModelMissing, isTransient } from '../src';

describe('calling Ollama', () => {
  it('counts 429, 5xx and an unreachable server as transient; 4xx and our own timeout as not', () => {
    const answered = (status: number, message = 'x') => Object.assign(new Error(message), { status_code: status });
    expect([429, 500, 503].map((status) => isTransient(answered(status)))).toEqual([true, true, true]);
    expect([400, 404].map((status) => isTransient(answered(status)))).toEqual([false, false]);
    expect(isTransient(new TypeError('fetch failed'))).toBe(true);
    expect(isTransient(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe(false);
    expect(isModelMissing(answered(404, 'model "llama3.2" not found, try pulling it first'))).toBe(true);
    expect(isModelMissing(answered(404, "model 'nomic-embed-text' not found"))).toBe(true);
    expect(isModelMissing(answered(404, '404 page not found'))).toBe(false);
  });

  it('retries transient failures and stops at the first permanent one', async () => {
    const policy = { attempts: 4, firstDelayMs: 1, maxDelayMs: 4 };
    let calls = 0;
    await expect(
      callOllama(async () => {
        calls += 1;
        if (calls < 3) throw Object.assign(new Error('busy'), { status_code: 503 });
        return 'done';
      }, policy),
    ).resolves.toBe('done');
    expect(calls).toBe(3);

    calls = 0;
    const refused = callOllama(async () => {
      calls += 1;
      throw Object.assign(new Error('bad request'), { status_code: 400 });
    }, policy);
    await expect(refused).rejects.toThrow('bad request');
    expect(calls).toBe(1);
  });

  it('abandons a request that outlives the timeout', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = createOllamaClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 100);
      await expect(client.embed({ model: 'm', input: 'x' })).rejects.toMatchObject({ name: 'TimeoutError' });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
