import { createServer, connect, type AddressInfo, type Server, type Socket } from "node:net";

/**
 * A loopback TCP proxy in front of a server (e.g. the PG_TEST_URL database): `stop()` kills every
 * connection and refuses new ones (a crashed or unreachable server), `start()` listens again on the same
 * port (the server is back after a restart).
 *
 * @example
 * const proxy = new TcpProxy(db.url);
 * await proxy.start();
 * const config = { databaseUrl: proxy.urlFor(db.url) };
 */
export class TcpProxy {
  readonly #target: { host: string; port: number };
  #server: Server | undefined;
  #sockets = new Set<Socket>();
  /** The port it listens on (0 until the first `start()`). */
  port = 0;

  /** @param targetUrl - URL of the server to forward to (its host and port; PostgreSQL's 5432 when it has none) */
  constructor(targetUrl: string) {
    const url = new URL(targetUrl);
    this.#target = { host: url.hostname, port: Number(url.port || 5432) };
  }

  /** Listens on 127.0.0.1 (the previous port after a `stop()`, else a free one) and forwards each connection. */
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

  /** Destroys every open connection and stops listening. */
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
