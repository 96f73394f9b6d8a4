/**
 * Small client for the RabbitMQ management HTTP API. Credentials come from the URL's user info
 * when present (http://user:pass@host:15672), otherwise guest/guest, the local stack's user.
 */

export interface QueueStats {
  messages: number;
  consumers: number;
}

interface Target {
  base: string;
  user: string;
  authorization: string;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** Creates the vhost (idempotent) and gives the management user (guest by default) full permissions on it. */
export async function createVhost(managementUrl: string, vhost: string): Promise<void> {
  const { user } = target(managementUrl);
  await okText(await call(managementUrl, 'PUT', `/api/vhosts/${encodeURIComponent(vhost)}`), `create vhost "${vhost}"`);
  const permissions = `/api/permissions/${encodeURIComponent(vhost)}/${encodeURIComponent(user)}`;
  const grant = { configure: '.*', write: '.*', read: '.*' };
  await okText(await call(managementUrl, 'PUT', permissions, grant), `grant ${user} permissions on vhost "${vhost}"`);
}

/** Deletes the vhost with all its queues and exchanges; a vhost that does not exist is fine. */
export async function deleteVhost(managementUrl: string, vhost: string): Promise<void> {
  const response = await call(managementUrl, 'DELETE', `/api/vhosts/${encodeURIComponent(vhost)}`);
  if (response.status === 404) return discard(response);
  await okText(response, `delete vhost "${vhost}"`);
}

/** Creates or updates a user that may log in over AMQP only (no management tags). */
export async function putUser(managementUrl: string, user: string, password: string): Promise<void> {
  const path = `/api/users/${encodeURIComponent(user)}`;
  await okText(await call(managementUrl, 'PUT', path, { password, tags: '' }), `create user "${user}"`);
}

export async function deleteUser(managementUrl: string, user: string): Promise<void> {
  const response = await call(managementUrl, 'DELETE', `/api/users/${encodeURIComponent(user)}`);
  if (response.status === 404) return discard(response);
  await okText(response, `delete user "${user}"`);
}

/** Loads a definitions file (exchanges, queues, bindings, permissions of any vhost), as deploy's topology job does. */
export async function importDefinitions(managementUrl: string, definitions: object): Promise<void> {
  await okText(await call(managementUrl, 'POST', '/api/definitions', definitions), 'import definitions');
}

/**
 * Message and consumer counts of a queue, undefined when it does not exist.
 * Counts come from the broker's statistics: they lag a few seconds and read 0 until first collected.
 */
export async function getQueue(managementUrl: string, vhost: string, queue: string): Promise<QueueStats | undefined> {
  const path = `/api/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(queue)}`;
  const response = await call(managementUrl, 'GET', path);
  if (response.status === 404) return discard(response);
  const text = await okText(response, `read queue "${queue}" in vhost "${vhost}"`);
  const body = JSON.parse(text) as { messages?: unknown; consumers?: unknown };
  return { messages: numberOrZero(body.messages), consumers: numberOrZero(body.consumers) };
}

/** True when GET /api/overview succeeds; network errors mean "not yet". */
export async function managementApiAnswers(managementUrl: string): Promise<boolean> {
  try {
    const response = await call(managementUrl, 'GET', '/api/overview');
    await discard(response);
    return response.ok;
  } catch (error) {
    if (error instanceof TypeError || (error instanceof Error && error.name === 'TimeoutError')) return false;
    throw error;
  }
}

function call(managementUrl: string, method: string, path: string, body?: unknown): Promise<Response> {
  const { base, authorization } = target(managementUrl);
  return fetch(`${base}${path}`, {
    method,
    headers: { authorization, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
}

// fetch refuses URLs with credentials, so they move into the Authorization header.
function target(managementUrl: string): Target {
  const url = new URL(managementUrl);
  const user = decodeURIComponent(url.username) || 'guest';
  const password = decodeURIComponent(url.password) || 'guest';
  url.username = '';
  url.password = '';
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return { base: url.toString().replace(/\/+$/, ''), user, authorization };
}

async function okText(response: Response, action: string): Promise<string> {
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`RabbitMQ management API could not ${action}: HTTP ${response.status} ${text}`);
  }
  return text;
}

// An unread body keeps its connection busy.
async function discard(response: Response): Promise<undefined> {
  await response.body?.cancel();
  return undefined;
}

function numberOrZero(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
