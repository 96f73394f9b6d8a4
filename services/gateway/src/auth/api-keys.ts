import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger } from '@docpipe/platform';
import { DEV_API_KEYS, GATEWAY_CONFIG, type GatewayConfig } from '../config';

const digest = (key: string): Buffer => createHash('sha256').update(key).digest();

/** Which tenant an API key belongs to; compared in constant time so a key cannot be guessed byte by byte. */
@Injectable()
export class ApiKeys {
  private readonly entries: { tenant: string; digest: Buffer }[];

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, @Inject(LOGGER) logger: Logger) {
    this.entries = config.API_KEYS.map(({ tenant, key }) => ({ tenant, digest: digest(key) }));
    if (config.API_KEYS.map(({ tenant, key }) => `${tenant}:${key}`).join(',') === DEV_API_KEYS) {
      logger.warn({ event: 'auth.dev-key' }, `API_KEYS is not set: only the local development key (${DEV_API_KEYS}) is accepted; set API_KEYS anywhere shared`);
    }
  }

  tenantOf(key: string): string | undefined {
    const offered = digest(key);
    return this.entries.find((entry) => timingSafeEqual(entry.digest, offered))?.tenant;
  }
}
