import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls <baseUrl>/health/ready until it answers 200 and returns its JSON body; a service is
 * "started" before its broker connection is up, so tests wait for readiness, not for listen().
 */
export async function fetchReadiness(baseUrl: string, timeoutMs = 30_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(new URL('/health/ready', baseUrl));
      const body: unknown = await response.json();
      if (response.status === 200) return body;
      last = `${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(`${baseUrl}/health/ready did not answer 200 within ${timeoutMs} ms (last: ${last})`);
}
