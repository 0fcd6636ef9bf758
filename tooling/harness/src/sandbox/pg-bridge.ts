import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import pg from "pg";
import { EgressDeniedError } from "../errors.ts";
import { egressDenial, type EgressPolicy } from "../fetch/egress-policy.ts";

/** A query result as copied into the isolate. */
export interface QueryRecord {
  rows: unknown[];
  rowCount: number | null;
  command: string;
  fields: Array<{ name: string; dataTypeID: number }>;
}

function bracket(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/**
 * Host-side PostgreSQL clients for a sandboxed connector's `pg`: each connection's host and port
 * are checked against the egress policy (the name, and every address it resolves to), then a real
 * `pg.Client` connects. Clients are closed with {@link PgBridge.closeAll} when the sandbox goes.
 */
export class PgBridge {
  readonly #plugin: string;
  readonly #policy: () => EgressPolicy;
  readonly #clients = new Map<number, pg.Client>();
  #nextId = 1;

  constructor(plugin: string, policy: () => EgressPolicy) {
    this.#plugin = plugin;
    this.#policy = policy;
  }

  /** Opens a connection. @throws EgressDeniedError when the policy refuses the host or an address it resolves to */
  async connect(config: pg.ClientConfig): Promise<number> {
    const probe = new pg.Client(config);
    const host = String(probe.host ?? "localhost");
    const port = Number(probe.port ?? 5432);
    const policy = this.#policy();
    if (host.startsWith("/")) throw new EgressDeniedError(this.#plugin, host, "unix sockets are not allowed in the sandbox");
    const nameDenial = egressDenial(new URL(`http://${bracket(host)}:${port}`), policy);
    if (nameDenial) throw new EgressDeniedError(this.#plugin, `${host}:${port}`, nameDenial);
    let address = host;
    if (policy.mode !== "off" && isIP(host) === 0 && host !== "localhost") {
      const addresses = await lookup(host, { all: true });
      for (const { address: ip } of addresses) {
        const denial = egressDenial(new URL(`http://${bracket(ip)}:${port}`), { ...policy, mode: "public" });
        if (denial) throw new EgressDeniedError(this.#plugin, `${host}:${port}`, `${host} resolves to ${ip}: ${denial}`);
      }
      address = addresses[0]?.address ?? host;
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
