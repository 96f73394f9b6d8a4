import { createHash } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { AppError } from './errors';
import { SCOPES, tenantIdSchema, type Authentication, type Principal, type Scope } from './principal';

const blankAsUndefined = (value: unknown): unknown => (value === '' ? undefined : value);

/** `role:scope` pairs, comma-separated; a role may appear once per scope it grants. */
const roleScopesSchema = z.string().transform((list, context) => {
  const pairs = list
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean);
  const grants: { role: string; scope: Scope }[] = [];
  for (const pair of pairs) {
    // The last ":" splits, so roles named like URNs (urn:acme:docpipe-admin) keep theirs.
    const at = pair.lastIndexOf(':');
    const scope = SCOPES.find((known) => known === pair.slice(at + 1));
    if (at <= 0 || !scope) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: `"${pair}" must be role:scope, the scope one of ${SCOPES.join(', ')}` });
      return z.NEVER;
    }
    grants.push({ role: pair.slice(0, at), scope });
  }
  return grants;
});

/**
 * Bearer JWTs from one OpenID Connect issuer, next to API keys (gateway and notification). Unset OIDC_ISSUER
 * accepts none. The issuer's keys come from its discovery document's jwks_uri.
 */
export const oidcConfigSchema = z.object({
  /** The issuer URL exactly as its tokens' `iss` says (e.g. https://login.example.com/realms/docpipe); unset: no tokens. */
  OIDC_ISSUER: z.preprocess(blankAsUndefined, z.string().url('must be the issuer URL, e.g. https://login.example.com').optional()),
  /** The `aud` a token must name: this API's identifier at the issuer (required with OIDC_ISSUER). */
  OIDC_AUDIENCE: z.preprocess(blankAsUndefined, z.string().min(1).optional()),
  /** The claim holding the caller's tenant; a dotted path reaches into objects (`org.id`). */
  OIDC_TENANT_CLAIM: z.string().min(1).default('tenant'),
  /** The claim holding the caller's roles (a list, or a space-separated string); Keycloak's is `realm_access.roles`. */
  OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
  /** Which role grants which scope (read, write, admin), as role:scope pairs. */
  OIDC_ROLE_SCOPES: roleScopesSchema.default('read:read,write:write,admin:admin'),
  /** Seconds of clock difference tolerated when checking `exp` and `nbf`. */
  OIDC_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
});

export type OidcConfig = z.output<typeof oidcConfigSchema>;

/** A token is only worth checking against an audience: OIDC_ISSUER without OIDC_AUDIENCE is refused at start. */
export function audienceWithIssuer(config: Pick<OidcConfig, 'OIDC_ISSUER' | 'OIDC_AUDIENCE'>, context: z.RefinementCtx): void {
  if (!config.OIDC_ISSUER || config.OIDC_AUDIENCE) return;
  context.addIssue({
    code: z.ZodIssueCode.custom,
    path: ['OIDC_AUDIENCE'],
    message: 'OIDC_ISSUER is set: set OIDC_AUDIENCE to the audience its tokens carry for this API',
  });
}

// Only keys the issuer publishes can sign: symmetric algorithms would mean sharing a secret with every service.
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

const discoverySchema = z.object({ issuer: z.string(), jwks_uri: z.string().url() });

/** The issuer (its discovery document or its keys) could not be reached: nobody's token can be checked now. */
export class IdentityProviderUnavailableError extends AppError {
  constructor(detail: string, cause?: unknown) {
    super('identity_provider_unavailable', `The identity provider could not be reached to check the token (${detail}); try again shortly`, {
      cause,
    });
  }
}

/** A string shaped like a compact JWS (three base64url parts); anything else is taken for an API key. */
export const looksLikeJwt = (credential: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(credential);

/**
 * Checks bearer JWTs with jose: signature against the issuer's JWKS (fetched on first use, cached and refetched
 * by jose when a token names an unknown key), issuer, audience, expiry and not-before with OIDC_CLOCK_SKEW_SECONDS.
 */
export class OidcTokens {
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(private readonly config: OidcConfig & { OIDC_ISSUER: string; OIDC_AUDIENCE: string }) {}

  /** The OIDC verifier when OIDC_ISSUER is set; otherwise undefined (tokens are then not accepted). */
  static from(config: OidcConfig): OidcTokens | undefined {
    const { OIDC_ISSUER, OIDC_AUDIENCE } = config;
    return OIDC_ISSUER && OIDC_AUDIENCE ? new OidcTokens({ ...config, OIDC_ISSUER, OIDC_AUDIENCE }) : undefined;
  }

  async authenticate(token: string): Promise<Authentication> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.issuerKeys(), {
        issuer: this.config.OIDC_ISSUER,
        audience: this.config.OIDC_AUDIENCE,
        clockTolerance: this.config.OIDC_CLOCK_SKEW_SECONDS,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      return { refused: this.refusal(error), guessable: false };
    }
    return this.principalOf(token, payload);
  }

  private principalOf(token: string, payload: JWTPayload): Authentication {
    const claim = this.config.OIDC_TENANT_CLAIM;
    const tenant = tenantIdSchema.safeParse(claimAt(payload, claim));
    if (!tenant.success) {
      const problem = claimAt(payload, claim) === undefined ? 'has no' : 'has an unusable';
      return { refused: `The token ${problem} "${claim}" claim (OIDC_TENANT_CLAIM) naming the caller's tenant`, guessable: false };
    }
    const roles = rolesIn(claimAt(payload, this.config.OIDC_ROLES_CLAIM));
    const scopes = SCOPES.filter((scope) => this.config.OIDC_ROLE_SCOPES.some((grant) => grant.scope === scope && roles.has(grant.role)));
    const subject = payload.sub ?? token;
    const principal: Principal = {
      tenant: tenant.data,
      id: `jwt-${createHash('sha256').update(subject).digest('hex').slice(0, 12)}`,
      scopes,
      expiresAt: new Date((payload.exp ?? 0) * 1000),
      ...(payload.sub !== undefined && { subject: payload.sub }),
    };
    return { principal };
  }

  /** A refusal a person can act on; an unreachable issuer is not the caller's fault and is thrown instead. */
  private refusal(error: unknown): string {
    if (error instanceof errors.JWTExpired) return 'The token has expired; get a new one from the identity provider';
    if (error instanceof errors.JWTClaimValidationFailed) return claimRefusal(error, this.config);
    if (
      error instanceof errors.JWSSignatureVerificationFailed ||
      error instanceof errors.JWKSNoMatchingKey ||
      error instanceof errors.JWKSMultipleMatchingKeys
    ) {
      return 'The token’s signature does not verify with the identity provider’s keys';
    }
    if (
      error instanceof errors.JWSInvalid ||
      error instanceof errors.JWTInvalid ||
      error instanceof errors.JOSEAlgNotAllowed ||
      error instanceof errors.JOSENotSupported
    ) {
      return `The token is not a signed JWT this service accepts (${error.message})`;
    }
    if (error instanceof IdentityProviderUnavailableError) throw error;
    throw new IdentityProviderUnavailableError(`its keys at the discovery document's jwks_uri: ${describe(error)}`, error);
  }

  /** The issuer's key set, found through its discovery document once; a failed discovery is tried again next time. */
  private issuerKeys(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.discover().catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const issuer = this.config.OIDC_ISSUER;
    const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let document: unknown;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000), headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      document = await response.json();
    } catch (error) {
      throw new IdentityProviderUnavailableError(`${url}: ${describe(error)}`, error);
    }
    const discovery = discoverySchema.safeParse(document);
    if (!discovery.success) throw new IdentityProviderUnavailableError(`${url} is not an OpenID discovery document with a jwks_uri`);
    // OpenID Connect Discovery 1.0 §4.3: the document must name the very issuer it was fetched for.
    if (discovery.data.issuer !== issuer) {
      throw new IdentityProviderUnavailableError(`${url} names issuer ${discovery.data.issuer}, not OIDC_ISSUER (${issuer})`);
    }
    return createRemoteJWKSet(new URL(discovery.data.jwks_uri));
  }
}

function claimRefusal(error: InstanceType<typeof errors.JWTClaimValidationFailed>, config: OidcConfig): string {
  if (error.claim === 'aud') return `The token is not meant for this API: its audience is not OIDC_AUDIENCE (${config.OIDC_AUDIENCE})`;
  if (error.claim === 'iss') return `The token was not issued by OIDC_ISSUER (${config.OIDC_ISSUER})`;
  if (error.claim === 'nbf') return 'The token is not valid yet (nbf); check the clocks of the issuer and this service';
  return `The token’s "${error.claim}" claim is refused: ${error.reason}`;
}

/** A claim by its exact name (names may hold dots, like namespaced URLs), else by a dotted path into objects. */
function claimAt(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  let value: unknown = payload;
  for (const step of name.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

function rolesIn(value: unknown): Set<string> {
  if (typeof value === 'string') return new Set(value.split(/\s+/).filter(Boolean));
  if (Array.isArray(value)) return new Set(value.filter((role): role is string => typeof role === 'string'));
  return new Set();
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
