import type { NotificationSocket } from '../sockets/socket-protocol';
import type { ApiKeys } from '@docpipe/platform';

/**
 * socket.io handshake middleware: takes the API key from `auth: { token }` or `Authorization: Bearer <key>`
 * and sets the socket's tenant from it. A refused client gets `connect_error` with this message and data.code.
 */
export function authenticateSocket(keys: ApiKeys) {
  return (socket: NotificationSocket, next: (error?: Error) => void): void => {
    const key = keyOf(socket);
    if (!key) {
      return next(unauthorized('No API key: connect with auth: { token: "<api key>" } or an "Authorization: Bearer <key>" header'));
    }
    const tenantId = keys.tenantOf(key);
    if (!tenantId) return next(unauthorized('The API key is not valid'));
    socket.data.tenantId = tenantId;
    next();
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
