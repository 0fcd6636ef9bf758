import { isIP } from "node:net";
import pg from "pg";
import { EgressDeniedError } from "../errors.ts";
import { DEFAULT_PORTS } from "../fetch/allowed-host.ts";
import { hostDenial, type EgressPolicy } from "../fetch/egress-policy.ts";
import { resolveCheckedAddresses } from "../fetch/resolve-checked-addresses.ts";
import { systemResolver, type HostResolver } from "../fetch/resolve-host.ts";

/** A query result as copied into the isolate. */
export interface QueryRecord {
  rows: unknown[];
  rowCount: number | null;
  command: string;
  fields: Array<{ name: string; dataTypeID: number }>;
}

/** The host as the URL parser spells it (decimal, octal and hex IPv4 forms become dotted quads), without brackets. */
function normalizeHost(host: string): string {
  try {
    return new URL(`http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}`).hostname.replace(/^\[(.*)\]$/, "$1");
  } catch {
    return host;
  }
}

/**
 * Host-side PostgreSQL clients for a sandboxed connector's `pg`. Each connection's host is checked
 * by name and port against the egress policy (an entry without a port admits only 5432), resolved
 * once, every address it resolves to is checked, and the real `pg.Client` connects to the checked
 * address itself (TLS still verifies the certificate against the host name), so the name cannot
 * rebind in between. Clients are closed with {@link PgBridge.closeAll} when the sandbox goes.
 */
export class PgBridge {
  readonly #plugin: string;
  readonly #policy: () => EgressPolicy;
  readonly #resolve: HostResolver;
  readonly #clients = new Map<number, pg.Client>();
  #nextId = 1;

  constructor(plugin: string, policy: () => EgressPolicy, resolveHost: HostResolver = systemResolver) {
    this.#plugin = plugin;
    this.#policy = policy;
    this.#resolve = resolveHost;
  }

  /** Opens a connection. @throws EgressDeniedError when the policy refuses the host, its port or an address it resolves to */
  async connect(config: pg.ClientConfig): Promise<number> {
    const probe = new pg.Client(config);
    const given = String(probe.host ?? "localhost");
    const port = Number(probe.port ?? DEFAULT_PORTS["postgres:"]);
    const policy = this.#policy();
    if (given.startsWith("/")) throw new EgressDeniedError(this.#plugin, given, "unix sockets are not allowed in the sandbox");
    const host = normalizeHost(given);
    const nameDenial = hostDenial({ hostname: host, port, defaultPort: DEFAULT_PORTS["postgres:"]! }, policy);
    if (nameDenial) throw new EgressDeniedError(this.#plugin, `${host}:${port}`, nameDenial);
    let address = host;
    if (policy.mode !== "off") {
      const checked = await resolveCheckedAddresses(host, policy, this.#resolve);
      if (checked.denial !== undefined) throw new EgressDeniedError(this.#plugin, `${host}:${port}`, checked.denial);
      address = checked.addresses[0]!.address;
    }
    const parsedSsl = (probe as unknown as { ssl?: boolean | object }).ssl;
    const ssl = parsedSsl ? { ...(typeof parsedSsl === "object" ? parsedSsl : {}), ...(isIP(host) ? {} : { servername: host }) } : false;
    const client = new pg.Client({ ...config, connectionString: undefined, host: address, port, user: probe.user, password: probe.password as string | undefined, database: probe.database, ssl });
    client.on("error", () => undefined);
    await client.connect();
    const id = this.#nextId++;
    this.#clients.set(id, client);
    return id;
  }

  /** Runs a query on an open connection. */
  async query(id: number, text: string, values?: unknown[]): Promise<QueryRecord> {
    const client = this.#clients.get(id);
    if (!client) throw new Error("Client is not connected (or was ended); call client.connect() first");
    const result = await client.query(text, values);
    return { rows: result.rows, rowCount: result.rowCount, command: result.command, fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) };
  }

  /** Closes a connection. */
  async end(id: number): Promise<void> {
    const client = this.#clients.get(id);
    this.#clients.delete(id);
    await client?.end();
  }

  /** Closes every connection (the sandbox was disposed). */
  closeAll(): void {
    for (const client of this.#clients.values()) void client.end().catch(() => undefined);
    this.#clients.clear();
  }
}
