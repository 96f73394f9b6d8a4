import { Ollama } from 'ollama';

/** An Ollama client whose every request is abandoned after timeoutMs, so a stuck server frees the message for a retry. */
export function createOllamaClient(host: string, timeoutMs: number): Ollama {
  return new Ollama({ host, fetch: fetchWithTimeout(timeoutMs) });
}

function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
}
