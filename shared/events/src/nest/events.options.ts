import type { DeclareScope, QueueSpec } from '../topology';

export interface EventsModuleOptions {
  /** The consuming service; a handler may only consume that service's queues. */
  service: string;
  url: string;
  prefetch?: number;
  confirmTimeoutMs?: number;
  /** How long an RpcClient call waits for its answer. */
  requestTimeoutMs?: number;
  /** Queues declared on connect; the whole catalogue (`declare: 'all'`) or the service's own (`'own'`) unless a test narrows it. */
  topology?: readonly QueueSpec[];
  /** `own` when the service connects as its own least-privilege user (RABBITMQ_DECLARE); default `all`. */
  declare?: DeclareScope;
}

export const EVENTS_OPTIONS = Symbol('docpipe:events-options');
