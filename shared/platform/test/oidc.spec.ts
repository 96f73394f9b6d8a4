import { z } from 'zod';
import { loadConfig } from '../src/config';
import { audienceWithIssuer, IdentityProviderUnavailableError, OidcTokens, oidcConfigSchema } from '../src/oidc';

const schema = oidcConfigSchema.superRefine(audienceWithIssuer);

describe('OIDC settings', () => {
  it('accepts no tokens when OIDC_ISSUER is empty', () => {
    expect(OidcTokens.from(loadConfig(schema, { OIDC_ISSUER: '', OIDC_AUDIENCE: '' }))).toBeUndefined();
  });

  it('reads role:scope pairs, keeping roles that contain colons', () => {
    const config = loadConfig(schema, { OIDC_ROLE_SCOPES: 'editor:read, editor:write,urn:acme:ops:admin' });
    expect(config.OIDC_ROLE_SCOPES).toEqual([
      { role: 'editor', scope: 'read' },
      { role: 'editor', scope: 'write' },
      { role: 'urn:acme:ops', scope: 'admin' },
    ]);
  });

  it.each(['editor:delete', 'editor', ':read'])('refuses OIDC_ROLE_SCOPES=%j', (value) => {
    expect(() => loadConfig(schema, { OIDC_ROLE_SCOPES: value })).toThrow(/OIDC_ROLE_SCOPES/);
  });

  it('refuses an issuer without an audience', () => {
    expect(() => loadConfig(schema, { OIDC_ISSUER: 'https://login.example.com' })).toThrow(/OIDC_AUDIENCE: OIDC_ISSUER is set/);
  });

  it('says the identity provider is unavailable when its discovery document cannot be fetched', async () => {
    const config: z.output<typeof schema> = loadConfig(schema, { OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_AUDIENCE: 'api' });
    const token = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln';
    await expect(OidcTokens.from(config)!.authenticate(token)).rejects.toBeInstanceOf(IdentityProviderUnavailableError);
  });
});
