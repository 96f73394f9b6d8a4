import { loadConfig } from '@docpipe/platform';
import { configSchema } from '../src/config';

describe('the gateway’s configuration', () => {
  it('reads API_KEYS as tenant:key pairs and falls back to the local development key', () => {
    expect(loadConfig(configSchema, { API_KEYS: 'acme:acme-secret-1, globex:globex-secret-2' }).API_KEYS).toEqual([
      { tenant: 'acme', key: 'acme-secret-1' },
      { tenant: 'globex', key: 'globex-secret-2' },
    ]);
    expect(loadConfig(configSchema, {}).API_KEYS).toEqual([{ tenant: 'default', key: 'dev-key' }]);
  });

  it.each(['acme', 'acme:short', 'ac/me:long-enough-key', 'acme:key:extra'])('refuses API_KEYS=%j without repeating the key', (value) => {
    const load = () => loadConfig(configSchema, { API_KEYS: value });
    expect(load).toThrow(/API_KEYS/);
    expect(load).not.toThrow(/short|long-enough-key|extra/);
  });
});
