import { createHash } from 'node:crypto';
import { createLogger } from '../src/logger';
import { ApiKeys, apiKeyListSchema, apiKeysConfigSchema, devKeyOnLoopbackOnly } from '../src/api-keys';
import { baseConfigSchema, loadConfig } from '../src/config';

const sha256 = (key: string): string => createHash('sha256').update(key).digest('hex');
const silent = createLogger({ service: 'test', level: 'silent' });
const keysOf = (list: string): ApiKeys => new ApiKeys(loadConfig(apiKeysConfigSchema, { API_KEYS: list }).API_KEYS, silent);

describe('API keys', () => {
  it('reads API_KEYS as tenant:key pairs, keeping only their hashes, and falls back to the local development key', () => {
    expect(loadConfig(apiKeysConfigSchema, { API_KEYS: 'acme:acme-secret-1, globex:globex-secret-2' }).API_KEYS).toEqual([
      { tenant: 'acme', sha256: sha256('acme-secret-1') },
      { tenant: 'globex', sha256: sha256('globex-secret-2') },
    ]);
    expect(loadConfig(apiKeysConfigSchema, {}).API_KEYS).toEqual([{ tenant: 'default', sha256: sha256('dev-key') }]);
  });

  it('reads tenant:sha256:<hex> entries as keys given hashed at rest', () => {
    const hash = sha256('acme-secret-1').toUpperCase();
    expect(loadConfig(apiKeysConfigSchema, { API_KEYS: `acme:sha256:${hash}` }).API_KEYS).toEqual([
      { tenant: 'acme', sha256: hash.toLowerCase() },
    ]);
  });

  it.each(['acme', 'acme:short', 'ac/me:long-enough-key', 'acme:key:extra', 'acme:sha256:abc123', `acme:sha1:${'a'.repeat(64)}`, ''])(
    'refuses API_KEYS=%j without repeating the key',
    (value) => {
      const load = () => loadConfig(apiKeysConfigSchema, { API_KEYS: value });
      expect(load).toThrow(/API_KEYS/);
      expect(load).not.toThrow(/short|long-enough-key|extra|abc123/);
    },
  );

  it('accepts an empty list where keys are optional', () => {
    expect(apiKeyListSchema.parse('')).toEqual([]);
  });

  it('tells the tenant of a known key, plain or hashed, and nothing for an unknown one', () => {
    const keys = keysOf(`acme:acme-secret-1,globex:sha256:${sha256('globex-secret-2')}`);
    expect(keys.tenantOf('globex-secret-2')).toBe('globex');
    expect(keys.tenantOf('acme-secret-1')).toBe('acme');
    expect(keys.tenantOf('acme-secret-')).toBeUndefined();
    expect(keys.tenantOf(sha256('globex-secret-2'))).toBeUndefined();
  });

  it('gives each key its own short id, never the key itself', () => {
    const keys = keysOf('acme:acme-secret-1,acme:acme-secret-2');
    const first = keys.holderOf('acme-secret-1');
    const second = keys.holderOf('acme-secret-2');
    expect(first).toEqual({ tenant: 'acme', id: sha256('acme-secret-1').slice(0, 16), scopes: ['read', 'write'] });
    expect(second?.tenant).toBe('acme');
    expect(second?.id).not.toBe(first?.id);
  });

  it('no longer accepts a key whose entry was removed (revocation)', () => {
    expect(keysOf('acme:acme-secret-1,acme:acme-secret-2').tenantOf('acme-secret-2')).toBe('acme');
    expect(keysOf('acme:acme-secret-1').tenantOf('acme-secret-2')).toBeUndefined();
  });
});

describe('the published development key', () => {
  const schema = baseConfigSchema.pick({ HOST: true }).merge(apiKeysConfigSchema).superRefine(devKeyOnLoopbackOnly);

  it.each([{}, { HOST: '127.0.0.1' }, { HOST: '::1' }, { HOST: 'localhost' }])('is accepted on loopback (%j)', (env) => {
    expect(loadConfig(schema, env).API_KEYS).toEqual([{ tenant: 'default', sha256: sha256('dev-key') }]);
  });

  it.each(['0.0.0.0', '::', '10.1.2.3'])('is refused, plain or hashed, when the service listens on %s', (host) => {
    for (const API_KEYS of [undefined, 'acme:acme-secret-1,default:dev-key', `default:sha256:${sha256('dev-key')}`]) {
      expect(() => loadConfig(schema, { HOST: host, API_KEYS })).toThrow(/API_KEYS: the published development key \(dev-key\) is refused/);
    }
    expect(loadConfig(schema, { HOST: host, API_KEYS: 'acme:acme-secret-1' }).API_KEYS).toHaveLength(1);
  });
});
