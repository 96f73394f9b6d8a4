import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { errorMessage, permittedAddresses, type AllowedNetwork, type PermittedAddress } from '@docpipe/platform';

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** What the receiver answered, or why there was no answer. */
export type SendOutcome = { statusCode: number } | { statusCode: null; error: string; refused: boolean };

/**
 * POSTs one delivery. The host is resolved and every address checked (permittedAddresses) before connecting, and the
 * connection goes to a checked address: a DNS answer that changes in between (rebinding) is never used. Redirects are
 * not followed (a 3xx is a failure), and the answer's body is read and dropped.
 */
export async function sendWebhook(
  request: WebhookRequest,
  options: { timeoutMs: number; allowed: readonly AllowedNetwork[] },
): Promise<SendOutcome> {
  const url = new URL(request.url);
  let addresses: PermittedAddress[];
  try {
    addresses = await permittedAddresses(url.hostname, options.allowed);
  } catch (error) {
    return { statusCode: null, error: errorMessage(error), refused: true };
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const requestOptions: RequestOptions = {
    method: 'POST',
    headers: { ...request.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(request.body) },
    lookup: pinnedLookup(addresses),
    timeout: options.timeoutMs,
  };
  return new Promise((resolve) => {
    const outgoing = send(url, requestOptions, (response: IncomingMessage) => {
      response.resume();
      response.on('end', () => resolve({ statusCode: response.statusCode ?? 0 }));
      response.on('error', (error) => resolve({ statusCode: null, error: errorMessage(error), refused: false }));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    outgoing.on('error', (error) => resolve({ statusCode: null, error: errorMessage(error), refused: false }));
    outgoing.end(request.body);
  });
}

/** A lookup that answers only the addresses already checked, in either form Node asks for. */
function pinnedLookup(addresses: readonly PermittedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const [first] = addresses;
    if (!first) return callback(new Error('no permitted address'), '', 4);
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (error: null, all: PermittedAddress[]) => void)(null, [...addresses]);
      return;
    }
    callback(null, first.address, first.family);
  };
}
