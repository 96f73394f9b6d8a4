import type { Provider } from '@nestjs/common';
import { ApiKeyIssued, ApiKeyRevoked, ListActiveApiKeys } from '@docpipe/contracts';
import { LOGGER, RuntimeApiKeys, type Logger } from '@docpipe/platform';
import { BrokerConnection } from '../connection';
import { LiveCopy } from '../live-copy';
import { RpcClient } from '../rpc-client';

const API_KEY_FEED = Symbol('API_KEY_FEED');

/**
 * RuntimeApiKeys for an authenticating service (gateway, notification), kept current as a live copy of metadata's
 * keys: an issued or revoked key takes effect on every instance within a moment. Keys from the environment work at
 * once, run-time keys once the first list arrives.
 */
export function apiKeyFeedProviders(refreshMs: number): Provider[] {
  return [
    { provide: RuntimeApiKeys, useFactory: () => new RuntimeApiKeys() },
    {
      provide: API_KEY_FEED,
      inject: [BrokerConnection, RpcClient, RuntimeApiKeys, LOGGER],
      // Nest calls these hooks on the provider: subscribed before the connection starts, loaded once the service is up.
      useFactory: (connection: BrokerConnection, rpc: RpcClient, keys: RuntimeApiKeys, logger: Logger) => {
        const copy = new LiveCopy(connection, rpc, {
          name: 'api-keys',
          events: [ApiKeyIssued, ApiKeyRevoked],
          apply: ({ tenantId, payload }) => {
            if ('scopes' in payload) keys.issued({ ...payload, tenantId });
            else keys.revoked(payload.keyId, payload.sha256);
          },
          list: ListActiveApiKeys,
          request: {},
          replaceAll: ({ items }, askedAt) => keys.replaceAll(items, askedAt),
          refreshMs,
          logger,
        });
        return {
          onModuleInit: () => copy.start(),
          onApplicationBootstrap: () => copy.load(),
          beforeApplicationShutdown: () => copy.stop(),
        };
      },
    },
  ];
}
