import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request a {@link LoopbackServer} received. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** The address the connection reached (the server listens on 127.0.0.1 only). */
  localAddress: string;
}

/** An HTTP server on 127.0.0.1 for egress tests: it records every request and every connection. */
export interface LoopbackServer {
  port: number;
  origin: string;
  requests: SeenRequest[];
  /** TCP connections accepted so far (a refused request must not open one). */
  connections: number;
  close(): Promise<void>;
}

type Handler = (request: SeenRequest, response: ServerResponse) => void;

/** Starts a loopback HTTP server; `handler` answers (default: 200 "ok"). */
export async function startLoopbackServer(handler: Handler = (_request, response) => response.end("ok")): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const state = { connections: 0 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const seen = { method: request.method ?? "", url: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), localAddress: request.socket.localAddress ?? "" };
      requests.push(seen);
      handler(seen, response);
    });
  });
  server.on("connection", () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    get connections() {
      return state.connections;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
