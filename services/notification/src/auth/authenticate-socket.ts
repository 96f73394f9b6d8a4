import type { NotificationSocket } from '../sockets/socket-protocol';
import type { KeyUse } from '@docpipe/events';
import { clientAddress, type Authenticator, type AuthFailures, type Throttled } from '@docpipe/platform';

/**
 * socket.io handshake middleware: takes the API key or the issuer's JWT from `auth: { token }` or
 * `Authorization: Bearer <…>` and sets the socket's tenant from it; it must grant read. A refused client gets
 * `connect_error` with this message and data.code (`unauthorized`, `forbidden`, `identity_provider_unavailable`);
 * one that failed too often (per address, per key prefix) gets data.code `too_many_auth_failures` and data.retryAfterSeconds.
 * A run-time key that connects counts as used, as a request through the gateway does.
 */
export function authenticateSocket(
  authenticator: Authenticator,
  failures: AuthFailures,
  keyUse: KeyUse,
  trustedProxies: readonly string[],
) {
  return (socket: NotificationSocket, next: (error?: Error) => void): void => {
    const address = clientAddress(socket.request, trustedProxies);
    const credential = credentialOf(socket);
    void (async () => {
      const blocked = await failures.blocked(address);
      if (blocked) return next(throttled(blocked));
      if (credential === undefined) {
        const over = await failures.failed(address, undefined);
        const missing = 'No API key or token: connect with auth: { token: "<key or token>" } or an "Authorization: Bearer <…>" header';
        return next(over ? throttled(over) : refusal('unauthorized', missing));
      }
      const outcome = await authenticator.authenticate(credential);
      if ('refused' in outcome) {
        const over = await failures.failed(address, outcome.guessable ? credential : undefined);
        return next(over ? throttled(over) : refusal('unauthorized', outcome.refused));
      }
      const { principal } = outcome;
      if (!principal.scopes.includes('read')) {
        return next(refusal('forbidden', 'This API key or token does not grant read; a token needs a role OIDC_ROLE_SCOPES maps to read'));
      }
      socket.data.tenantId = principal.tenant;
      socket.data.expiresAt = principal.expiresAt;
      keyUse.used(principal);
      next();
    })().catch((error: unknown) => {
      const code = (error as { code?: unknown }).code === 'identity_provider_unavailable' ? 'identity_provider_unavailable' : 'internal';
      next(Object.assign(error instanceof Error ? error : new Error(String(error)), { data: { code } }));
    });
  };
}

function credentialOf(socket: NotificationSocket): string | undefined {
  const token: unknown = (socket.handshake.auth as Record<string, unknown>).token;
  if (typeof token === 'string' && token.trim()) return token.trim();
  return /^Bearer\s+(\S+)\s*$/i.exec(socket.handshake.headers.authorization ?? '')?.[1];
}

function refusal(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

function throttled({ retryAfterSeconds }: Throttled): Error {
  const message = `Too many connections with a missing or wrong API key or token; try again in ${retryAfterSeconds} s`;
  return Object.assign(new Error(message), { data: { code: 'too_many_auth_failures', retryAfterSeconds } });
}
