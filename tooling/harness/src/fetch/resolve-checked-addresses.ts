import { isIP } from "node:net";
import { addressDenial, type EgressPolicy } from "./egress-policy.ts";
import type { HostResolver, ResolvedAddress } from "./resolve-host.ts";

/** The addresses a connection may use, or why it may not be made. */
export type CheckedAddresses = { addresses: ResolvedAddress[]; denial?: undefined } | { addresses?: undefined; denial: string };

/**
 * Resolves `hostname` once and checks **every** address it resolves to against the policy: one
 * refused address refuses the connection (a name that also resolves to a private address is not
 * used at all). The caller connects only to the returned addresses, so nothing can rebind the name
 * between this check and the connection. An IP literal is its own single address.
 * The resolver's error (ENOTFOUND, ...) is passed on.
 */
export async function resolveCheckedAddresses(hostname: string, policy: EgressPolicy, resolve: HostResolver): Promise<CheckedAddresses> {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  const family = isIP(bare);
  if (family !== 0) {
    const denial = addressDenial(bare, policy);
    return denial ? { denial } : { addresses: [{ address: bare, family: family as 4 | 6 }] };
  }
  const addresses = await resolve(bare);
  if (addresses.length === 0) return { denial: `${bare} resolves to no address` };
  for (const { address } of addresses) {
    const denial = addressDenial(address, policy);
    if (denial) return { denial: `${bare} resolves to ${address}: ${denial}` };
  }
  return { addresses };
}
