import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { AppError } from './errors';

/** A network an operator lets outgoing requests (webhooks) reach although it is not public. */
export type AllowedNetwork = [ipaddr.IPv4 | ipaddr.IPv6, number];

export interface PermittedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * `WEBHOOK_ALLOWED_NETWORKS`: CIDRs (comma-separated) that webhook endpoints may resolve to although they are loopback,
 * private, link-local or otherwise not public; empty (the default) allows public addresses only. Read by the gateway
 * (at registration) and the delivery worker (before each connection).
 */
export const outboundAddressConfigSchema = z.object({
  WEBHOOK_ALLOWED_NETWORKS: z
    .string()
    .default('')
    .transform((list, context): AllowedNetwork[] => {
      const networks: AllowedNetwork[] = [];
      for (const cidr of list
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)) {
        try {
          networks.push(ipaddr.parseCIDR(cidr));
        } catch {
          context.addIssue({ code: z.ZodIssueCode.custom, message: `"${cidr}" is not a CIDR such as 10.0.0.0/8 or fd00::/8` });
        }
      }
      return networks;
    }),
});

export class AddressRefusedError extends AppError {
  constructor(host: string, address: string) {
    super(
      'webhook_address_refused',
      `${host} resolves to ${address}, which is not a public address; use a public URL, or have the operator list its network in WEBHOOK_ALLOWED_NETWORKS`,
    );
  }
}

export class HostNotFoundError extends AppError {
  constructor(host: string, reason: string) {
    super('webhook_host_not_found', `${host} could not be resolved (${reason}); check the URL's host name`);
  }
}

/** Public unicast only (ipaddr's 'unicast' range), unless an operator-allowed network holds it. */
export function isPermittedAddress(address: string, allowed: readonly AllowedNetwork[]): boolean {
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
  const parsed = ipaddr.process(address);
  if (parsed.range() === 'unicast') return true;
  return allowed.some(([network, bits]) => network.kind() === parsed.kind() && parsed.match(network, bits));
}

/**
 * Every address a URL's host stands for, each checked: one refused address refuses the host (a name with a public
 * and a private address could otherwise be steered to the private one). Connect only to what this returns, so a
 * second DNS answer (rebinding) cannot send the request elsewhere.
 */
export async function permittedAddresses(host: string, allowed: readonly AllowedNetwork[]): Promise<PermittedAddress[]> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const addresses = ipaddr.isValid(bare) ? [{ address: bare, family: bare.includes(':') ? 6 : 4 }] : await resolve(bare);
  for (const { address } of addresses) {
    if (!isPermittedAddress(address, allowed)) throw new AddressRefusedError(bare, address);
  }
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

async function resolve(host: string): Promise<Array<{ address: string; family: number }>> {
  try {
    return await lookup(host, { all: true, verbatim: true });
  } catch (error) {
    throw new HostNotFoundError(host, (error as NodeJS.ErrnoException).code ?? String(error));
  }
}
