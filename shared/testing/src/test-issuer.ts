import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';

/** What a token says and how it is signed; anything left out gets a valid default. */
export interface TokenClaims extends JWTPayload {
  /** Seconds from now; negative for a token that has already expired. */
  expiresIn?: number;
  /** Sign with a key the issuer does not publish (a forged token). */
  foreignKey?: boolean;
}

/**
 * An OpenID Connect issuer on 127.0.0.1 for tests: serves /.well-known/openid-configuration and its JWKS, and
 * signs tokens with its own key (ES256, jose). Counts how often its discovery document and keys were fetched.
 */
export interface TestIssuer {
  issuer: string;
  audience: string;
  sign(claims?: TokenClaims): Promise<string>;
  fetches: { discovery: number; jwks: number };
  stop(): Promise<void>;
}

const KEY_ID = 'test-key-1';

export async function startTestIssuer(audience = 'docpipe-api'): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const foreign = await generateKeyPair('ES256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'ES256', use: 'sig' }] };
  const fetches = { discovery: 0, jwks: 0 };
  let issuer = '';
  const server: Server = createServer((request, response) => {
    const answer = (body: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.url === '/.well-known/openid-configuration') {
      fetches.discovery++;
      return answer({ issuer, jwks_uri: `${issuer}/jwks`, id_token_signing_alg_values_supported: ['ES256'] });
    }
    if (request.url === '/jwks') {
      fetches.jwks++;
      return answer(jwks);
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sign = async ({ expiresIn = 300, foreignKey = false, ...claims }: TokenClaims = {}): Promise<string> => {
    const key: KeyLike = foreignKey ? foreign.privateKey : privateKey;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: issuer, aud: audience, sub: 'user-1', iat: now, exp: now + expiresIn, ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: KEY_ID, typ: 'JWT' })
      .sign(key);
  };
  return {
    issuer,
    audience,
    sign,
    fetches,
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
