import { randomBytes } from "node:crypto";
import { createServer, connect, type AddressInfo, type Server, type Socket } from "node:net";
import pg from "pg";

/** The shared test server, or undefined (tests then skip with a message). */
export const PG_TEST_URL = process.env.PG_TEST_URL;

/** Creates a throwaway database on the PG_TEST_URL server; returns its URL (sslmode=disable) and a drop function. */
export async function createTestDatabase(prefix: string): Promise<{ url: string; name: string; query: (text: string, values?: unknown[]) => Promise<pg.QueryResult>; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_TEST_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_TEST_URL!);
  url.pathname = `/${name}`;
  url.searchParams.set("sslmode", "disable");
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    url: url.toString(),
    name,
    query: (text, values) => client.query(text, values),
    drop: async () => {
      await client.end();
      const admin2 = new pg.Client({ connectionString: PG_TEST_URL });
      await admin2.connect();
      await admin2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin2.end();
    },
  };
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A TCP proxy in front of the test server: `stop()` kills every connection and refuses new ones (a crashed
 * or unreachable server), `start()` listens again on the same port (the server is back after a restart).
 */
export class TcpProxy {
  readonly #target: { host: string; port: number };
  #server: Server | undefined;
  #sockets = new Set<Socket>();
  port = 0;

  constructor(targetUrl: string) {
    const url = new URL(targetUrl);
    this.#target = { host: url.hostname, port: Number(url.port || 5432) };
  }

  async start(): Promise<void> {
    const server = createServer((inbound) => {
      const outbound = connect(this.#target.port, this.#target.host);
      for (const socket of [inbound, outbound]) {
        this.#sockets.add(socket);
        socket.on("close", () => this.#sockets.delete(socket));
        socket.on("error", () => undefined);
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** `targetUrl` with host and port replaced by the proxy's. */
  urlFor(targetUrl: string): string {
    const url = new URL(targetUrl);
    url.host = `127.0.0.1:${this.port}`;
    return url.toString();
  }
}
