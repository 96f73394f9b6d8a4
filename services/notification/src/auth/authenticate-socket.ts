import type { NotificationSocket } from '../sockets/socket-protocol';
import { clientAddress, type ApiKeys, type AuthFailures, type Throttled } from '@docpipe/platform';

/**
 * socket.io handshake middleware: takes the API key from `auth: { token }` or `Authorization: Bearer <key>`
 * and sets the socket's tenant from it. A refused client gets `connect_error` with this message and data.code;
 * one that failed too often (per address, per key prefix) gets data.code `too_many_auth_failures` and data.retryAfterSeconds.
 */
export function authenticateSocket(keys: ApiKeys, failures: AuthFailures, trustedProxies: readonly string[]) {
  return (socket: NotificationSocket, next: (error?: Error) => void): void => {
    const address = clientAddress(socket.request, trustedProxies);
    const key = keyOf(socket);
    void (async () => {
      const blocked = await failures.blocked(address);
      if (blocked) return next(throttled(blocked));
      const tenantId = key === undefined ? undefined : keys.tenantOf(key);
      if (tenantId) {
        socket.data.tenantId = tenantId;
        return next();
      }
      const over = await failures.failed(address, key);
      if (over) return next(throttled(over));
      next(
        unauthorized(
          key === undefined
            ? 'No API key: connect with auth: { token: "<api key>" } or an "Authorization: Bearer <key>" header'
            : 'The API key is not valid',
        ),
      );
    })().catch((error: unknown) => next(error instanceof Error ? error : new Error(String(error))));
  };
}

function keyOf(socket: NotificationSocket): string | undefined {
  const token: unknown = (socket.handshake.auth as Record<string, unknown>).token;
  if (typeof token === 'string' && token.trim()) return token.trim();
  return /^Bearer\s+(\S+)\s*$/i.exec(socket.handshake.headers.authorization ?? '')?.[1];
}

function unauthorized(message: string): Error {
  return Object.assign(new Error(message), { data: { code: 'unauthorized' } });
}

function throttled({ retryAfterSeconds }: Throttled): Error {
  const message = `Too many connections with a missing or wrong API key; try again in ${retryAfterSeconds} s`;
  return Object.assign(new Error(message), { data: { code: 'too_many_auth_failures', retryAfterSeconds } });
}
