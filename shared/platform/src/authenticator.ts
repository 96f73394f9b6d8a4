import { looksLikeJwt, type OidcTokens } from './oidc';
import { SCOPES, type Authentication, type Principal } from './principal';

/** Where API keys are looked up: the configured lists (ApiKeys) and the keys created at run time (RuntimeApiKeys). */
export interface KeyHolders {
  holderOf(key: string): Principal | undefined;
}

/**
 * One check for every credential a caller may present as a bearer: an API key from any of the key lists
 * (tenants', admins'), else a JWT from the OIDC issuer when one is configured. Both end as the same Principal.
 */
export class Authenticator {
  constructor(
    private readonly keyLists: readonly KeyHolders[],
    private readonly tokens?: OidcTokens,
  ) {}

  /** Throws IdentityProviderUnavailableError when a token cannot be checked because the issuer is unreachable. */
  async authenticate(credential: string): Promise<Authentication> {
    const holders = this.keyLists.flatMap((keys) => keys.holderOf(credential) ?? []);
    const [first] = holders;
    // A key in two lists (a tenant's and the admins') holds both lists' scopes.
    if (first) return { principal: { ...first, scopes: SCOPES.filter((scope) => holders.some((held) => held.scopes.includes(scope))) } };
    if (this.tokens && looksLikeJwt(credential)) return this.tokens.authenticate(credential);
    return { refused: this.tokens ? 'The API key or token is not valid' : 'The API key is not valid', guessable: true };
  }
}

/** Whether a principal may do what needs `scope`. */
export const holdsScope = (principal: Principal, scope: Principal['scopes'][number]): boolean => principal.scopes.includes(scope);
