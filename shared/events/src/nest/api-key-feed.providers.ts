import type { Provider } from '@nestjs/common';
import { LOGGER, RuntimeApiKeys, type Logger } from '@docpipe/platform';
import { ApiKeyFeed } from '../api-keys/api-key-feed';
import { BrokerConnection } from '../connection';
import { RpcClient } from '../rpc-client';

const API_KEY_FEED = Symbol('API_KEY_FEED');

/** RuntimeApiKeys for an authenticating service (gateway, notification), kept current by an ApiKeyFeed. */
export function apiKeyFeedProviders(refreshMs: number): Provider[] {
  return [
    { provide: RuntimeApiKeys, useFactory: () => new RuntimeApiKeys() },
    {
      provide: API_KEY_FEED,
      inject: [BrokerConnection, RpcClient, RuntimeApiKeys, LOGGER],
      // Nest calls these hooks on the provider: subscribed before the connection starts, loaded once the service is up.
      useFactory: (connection: BrokerConnection, rpc: RpcClient, keys: RuntimeApiKeys, logger: Logger) => {
        const feed = new ApiKeyFeed(connection, rpc, keys, { refreshMs, logger });
        return {
          onModuleInit: () => feed.start(),
          onApplicationBootstrap: () => feed.load(),
          beforeApplicationShutdown: () => feed.stop(),
        };
      },
    },
  ];
}
