import { createHmac } from 'node:crypto';

/**
 * `Docpipe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The timestamp is signed with the body,
 * so a receiver that refuses old timestamps refuses a replayed request (README: Webhooks, verifying a delivery).
 */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
