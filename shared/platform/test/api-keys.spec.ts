import { createLogger } from '../src/logger';
import { ApiKeys, apiKeysConfigSchema } from '../src/api-keys';
import { loadConfig } from '../src/config';

describe('API keys', () => {
  it('reads API_KEYS as tenant:key pairs and falls back to the local development key', () => {
    expect(loadConfig(apiKeysConfigSchema, { API_KEYS: 'acme:acme-secret-1, globex:globex-secret-2' }).API_KEYS).toEqual([
      { tenant: 'acme', key: 'acme-secret-1' },
      { tenant: 'globex', key: 'globex-secret-2' },
    ]);
    expect(loadConfig(apiKeysConfigSchema, {}).API_KEYS).toEqual([{ tenant: 'default', key: 'dev-key' }]);
  });

  it.each(['acme', 'acme:short', 'ac/me:long-enough-key', 'acme:key:extra'])('refuses API_KEYS=%j without repeating the key', (value) => {
    const load = () => loadConfig(apiKeysConfigSchema, { API_KEYS: value });
    expect(load).toThrow(/API_KEYS/);
    expect(load).not.toThrow(/short|long-enough-key|extra/);
  });

  it('tells the tenant of a known key and nothing for an unknown one', () => {
    const keys = new ApiKeys(loadConfig(apiKeysConfigSchema, { API_KEYS: 'acme:acme-secret-1,globex:globex-secret-2' }).API_KEYS, createLogger({ service: 'test', level: 'silent' }));
    expect(keys.tenantOf('globex-secret-2')).toBe('globex');
    expect(keys.tenantOf('acme-secret-')).toBeUndefined();
  });
});
