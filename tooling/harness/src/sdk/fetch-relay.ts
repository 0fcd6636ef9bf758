import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { PluginFetch } from "@connectors/plugin-api";
import type { MemorySocket } from "./memory-socket.ts";

/** Where an in-memory connection was meant to go, and the fetch that answers it. */
export interface RelayTarget {
  protocol: "http:" | "https:";
  host: string;
  port: number;
  fetch: PluginFetch;
  /** The client end: a failed fetch destroys it with the error, so the SDK sees a network error. */
  client: MemorySocket;
}

/** Request headers that describe the hop, not the request. */
const HOP_BY_HOP = new Set(["host", "connection", "content-length", "transfer-encoding", "expect", "keep-alive", "proxy-connection", "te", "upgrade", "trailer"]);
/** Response headers that no longer hold once fetch has read (and decoded) the body. */
const STALE_RESPONSE = new Set(["content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"]);

const targets = new WeakMap<object, RelayTarget>();

function originOf(target: RelayTarget): string {
  const host = target.host.includes(":") && !target.host.startsWith("[") ? `[${target.host}]` : target.host;
  const defaultPort = target.protocol === "https:" ? 443 : 80;
  return `${target.protocol}//${host}${target.port && target.port !== defaultPort ? `:${target.port}` : ""}`;
}

function requestHeaders(request: IncomingMessage): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!;
    if (!HOP_BY_HOP.has(name.toLowerCase())) pairs.push([name, request.rawHeaders[i + 1]!]);
  }
  return pairs;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function relay(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const target = targets.get(request.socket);
  if (!target) {
    response.destroy();
    return;
  }
  const body = await readBody(request);
  const url = /^https?:\/\//i.test(request.url ?? "") ? request.url! : `${originOf(target)}${request.url ?? "/"}`;
  const method = request.method ?? "GET";
  let answer: Response;
  let bytes: Buffer;
  try {
    answer = await target.fetch(url, { method, redirect: "manual", headers: requestHeaders(request), ...(body.length && method !== "GET" && method !== "HEAD" ? { body } : {}) });
    bytes = Buffer.from(await answer.arrayBuffer());
  } catch (error) {
    target.client.destroy(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  const headers: Array<[string, string]> = [];
  answer.headers.forEach((value, name) => {
    if (!STALE_RESPONSE.has(name)) headers.push([name, value]);
  });
  response.writeHead(answer.status, answer.statusText, [...headers, ["content-length", String(bytes.length)]]);
  response.end(method === "HEAD" ? undefined : bytes);
}

// One parser for every relayed connection; it never listens on a port.
const server = createServer({ requestTimeout: 0, headersTimeout: 0, keepAliveTimeout: 0 }, (request, response) => void relay(request, response));

/**
 * Serves one in-memory connection: each HTTP/1.1 request the client end writes is parsed by Node's
 * own HTTP server, sent with `target.fetch` (the connector's harness fetch: egress policy, mocks and
 * recording apply), and the answer is written back as an HTTP response. Redirects are not followed:
 * the SDK gets the 3xx, as from a real socket, and a hop it follows is a new request checked again.
 */
export function serveRelay(serverEnd: MemorySocket, target: RelayTarget): void {
  targets.set(serverEnd, target);
  server.emit("connection", serverEnd);
}
