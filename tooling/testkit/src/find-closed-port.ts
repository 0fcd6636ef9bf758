import { createServer, type AddressInfo } from "node:net";

/** A loopback TCP port nothing listens on (one was free a moment ago): connecting to it is refused. */
export async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
