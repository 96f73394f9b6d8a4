import { EVENTS_EXCHANGE, RETRY_EXCHANGE } from './topology';

/** Every service that talks to the broker; in production each connects as a user of its own name. */
export const brokerUsers = [
  'gateway',
  'ingestion',
  'extraction',
  'classification',
  'indexing',
  'search',
  'metadata',
  'notification',
] as const;
export type BrokerUser = (typeof brokerUsers)[number];

/** A user's rights on a vhost as RabbitMQ holds them: one regular expression per kind of operation. */
export interface BrokerPermission {
  user: BrokerUser;
  vhost: string;
  configure: string;
  write: string;
  read: string;
}

const literal = (name: string): string => name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
const anyOf = (patterns: string[]): string => `^(${patterns.join('|')})$`;

/**
 * Least privilege for a service running as its own user with RABBITMQ_DECLARE=own. It may configure and
 * read only its own queues (`<service>.<purpose>`, their `.dlq`, its `<service>.requests`) and the
 * server-named exclusive queue a live subscription uses; write to the events exchange and the default
 * exchange (retries, dead letters, requests and replies) and bind its queues; read the exchanges it binds
 * from. The gateway also reads every dead-letter queue for the admin API. Nothing may delete or drain
 * another service's queue.
 */
export function brokerPermission(user: BrokerUser, vhost = '/'): BrokerPermission {
  const own = `${literal(user)}\\..*`;
  const serverNamed = 'amq\\.gen-.*';
  const exchanges = [literal(EVENTS_EXCHANGE), literal(RETRY_EXCHANGE)];
  const read = [own, serverNamed, 'amq\\.rabbitmq\\.reply-to', ...exchanges];
  if (user === 'gateway') read.push('.*\\.dlq');
  return {
    user,
    vhost,
    configure: anyOf([own, serverNamed]),
    write: anyOf([literal(EVENTS_EXCHANGE), 'amq\\.default', own, serverNamed]),
    read: anyOf(read),
  };
}
