import { connect, createServer, type AddressInfo, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { findClosedPort } from "./find-closed-port.ts";
import { TcpProxy } from "./tcp-proxy.ts";

/** Sends `text` and resolves with what comes back before the connection closes, or the connect error's code. */
function exchange(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("connect", () => socket.write(text));
    socket.on("data", (chunk) => {
      received += chunk.toString();
      socket.end();
    });
    socket.on("close", () => resolve(received));
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
  });
}

describe("TcpProxy and findClosedPort", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  const echoServer = async (): Promise<Server> => {
    const server = createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
    return server;
  };

  it("findClosedPort: connecting is refused", async () => {
    expect(await exchange(await findClosedPort(), "hi")).toBe("ECONNREFUSED");
  });

  it("forwards to the target, refuses while stopped and comes back on the same port", async () => {
    const target = `postgres://u:p@127.0.0.1:${((await echoServer()).address() as AddressInfo).port}/db?sslmode=disable`;
    const proxy = new TcpProxy(target);
    cleanup.push(() => proxy.stop());
    await proxy.start();
    expect(proxy.port).toBeGreaterThan(0);
    expect(proxy.urlFor(target)).toBe(`postgres://u:p@127.0.0.1:${proxy.port}/db?sslmode=disable`);
    expect(await exchange(proxy.port, "ping")).toBe("ping");

    const port = proxy.port;
    await proxy.stop();
    expect(await exchange(port, "ping")).toBe("ECONNREFUSED");

    await proxy.start();
    expect(proxy.port).toBe(port);
    expect(await exchange(port, "again")).toBe("again");
  });

  it("stop() cuts connections that are open", async () => {
    const port = ((await echoServer()).address() as AddressInfo).port;
    const proxy = new TcpProxy(`tcp://127.0.0.1:${port}`);
    cleanup.push(() => proxy.stop());
    await proxy.start();
    const socket = connect(proxy.port, "127.0.0.1");
    socket.on("error", () => undefined);
    await new Promise((resolve) => socket.on("connect", resolve));
    const closed = new Promise((resolve) => socket.on("close", resolve));
    await proxy.stop();
    await closed;
    expect(socket.destroyed).toBe(true);
  });
});
