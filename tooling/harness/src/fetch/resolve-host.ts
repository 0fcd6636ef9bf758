import { lookup } from "node:dns/promises";

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves a host name to every address it has. The default is the system resolver
 * (`dns.lookup`, which reads /etc/hosts too); tests inject their own so no DNS query leaves the machine.
 */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver: `dns.lookup(hostname, { all: true })`, addresses in the order the system gives. */
export const systemResolver: HostResolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};
