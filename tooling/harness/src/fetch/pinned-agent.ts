import type { LookupAddress, LookupOptions } from "node:dns";
import { Agent } from "undici";
import type { ResolvedAddress } from "./resolve-host.ts";

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Names a connection may still need: kept for the most recent hosts only. */
const MAX_PINS = 1000;

/**
 * An undici `Agent` whose sockets connect only to addresses the egress check accepted: before a
 * request is sent, {@link PinnedAgent.pin} records the checked addresses of its host name, and the
 * agent's `connect.lookup` answers with exactly those (never asking DNS again), so the name cannot
 * rebind between the check and the connection. A name nobody pinned does not connect at all.
 * TLS still verifies the certificate against the host name (undici sets `servername` from it).
 */
export class PinnedAgent {
  readonly #pins = new Map<string, ResolvedAddress[]>();
  #agent: Agent | undefined;

  /** Records the checked addresses of `hostname` for the connections that follow. */
  pin(hostname: string, addresses: ResolvedAddress[]): void {
    const key = hostname.toLowerCase();
    this.#pins.delete(key);
    this.#pins.set(key, addresses);
    if (this.#pins.size > MAX_PINS) this.#pins.delete(this.#pins.keys().next().value!);
  }

  /** The dispatcher to pass to undici's `fetch`. */
  get dispatcher(): Agent {
    this.#agent ??= new Agent({ connect: { lookup: (hostname: string, options: LookupOptions, callback: LookupCallback) => this.#lookup(hostname, options, callback) } });
    return this.#agent;
  }

  /** Closes the agent's idle connections (the connector was torn down). */
  async close(): Promise<void> {
    const agent = this.#agent;
    this.#agent = undefined;
    await agent?.close();
  }

  #lookup(hostname: string, options: { all?: boolean }, callback: LookupCallback): void {
    const pinned = this.#pins.get(hostname.toLowerCase());
    if (!pinned?.length) {
      const error: NodeJS.ErrnoException = new Error(`${hostname} has no address checked by the egress policy; the harness connects only to checked addresses`);
      error.code = "ENOTFOUND";
      process.nextTick(callback, error, "");
      return;
    }
    if (options.all) process.nextTick(callback, null, pinned.map(({ address, family }) => ({ address, family })));
    else process.nextTick(callback, null, pinned[0]!.address, pinned[0]!.family);
  }
}
