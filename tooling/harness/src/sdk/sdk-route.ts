import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { PluginFetch } from "@connectors/plugin-api";
import { serveRelay } from "./fetch-relay.ts";
import { createSocketPair, type MemorySocket } from "./memory-socket.ts";

interface ConnectionOptions {
  host?: string | null;
  hostname?: string | null;
  servername?: string;
  port?: number | string | null;
}

function relayAgent<A extends typeof HttpAgent>(Base: A, protocol: "http:" | "https:", fetch: PluginFetch): InstanceType<A> {
  const agent = new Base({ keepAlive: false }) as InstanceType<A>;
  // Connections never reach the network: each is an in-memory socket whose requests go to `fetch`.
  (agent as unknown as { createConnection: (options: ConnectionOptions) => MemorySocket }).createConnection = (options) => {
    const [client, server] = createSocketPair();
    const host = String(options.host ?? options.hostname ?? options.servername ?? "localhost");
    serveRelay(server, { protocol, host, port: Number(options.port ?? (protocol === "https:" ? 443 : 80)), fetch, client });
    return client;
  };
  return agent;
}

/**
 * Where one connector's SDK traffic goes: HTTP agents whose connections are relayed to the
 * connector's harness fetch. Use {@link SdkRoute.run} around the connector's code; every
 * `http(s).request` made inside (by aws-sdk, gaxios, teeny-request, node-fetch v2, axios, ...)
 * then goes through these agents.
 */
export class SdkRoute {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;

  constructor(readonly fetch: PluginFetch) {
    this.http = relayAgent(HttpAgent, "http:", fetch);
    this.https = relayAgent(HttpsAgent, "https:", fetch);
  }

  /** Runs `call` (and everything it starts: promises, timers, streams) with this route active. */
  run<T>(call: () => T): T {
    installHttpRouting();
    return routes.run(this, call);
  }
}

const routes = new AsyncLocalStorage<SdkRoute>();

/** The route of the connector whose code is running, if any. */
export function currentSdkRoute(): SdkRoute | undefined {
  return routes.getStore();
}

type RequestFunction = (...args: unknown[]) => unknown;

function protocolOf(args: unknown[], fallback: "http:" | "https:"): "http:" | "https:" {
  const [first, second] = args;
  const fromOptions = (value: unknown) => (value && typeof value === "object" && !(value instanceof URL) ? (value as { protocol?: string }).protocol : undefined);
  const url = typeof first === "string" ? new URL(first).protocol : first instanceof URL ? first.protocol : undefined;
  const protocol = fromOptions(second) ?? url ?? fromOptions(first) ?? fallback;
  return protocol === "http:" ? "http:" : "https:";
}

/** Node's own ClientRequest (`_http_client`): what `http.request` builds, whoever replaced that function. */
const NodeClientRequest = createRequire(import.meta.url)("_http_client").ClientRequest as new (...args: unknown[]) => unknown;

/**
 * A request on the route's agent for its protocol, built on Node's own ClientRequest so no other
 * interceptor (a test's nock, an APM agent) sees a connection that never reaches the network.
 */
function routedRequest(args: unknown[], route: SdkRoute, fallback: "http:" | "https:"): unknown {
  const agent = protocolOf(args, fallback) === "http:" ? route.http : route.https;
  const extra = { agent, _defaultAgent: agent };
  const [first, second, third] = args;
  if (typeof first === "string" || first instanceof URL) {
    return typeof second === "function" || second === undefined ? new NodeClientRequest(first, extra, second) : new NodeClientRequest(first, { ...(second as object), ...extra }, third);
  }
  return new NodeClientRequest({ ...(first as object), ...extra }, second);
}

function routed(original: RequestFunction, fallback: "http:" | "https:"): RequestFunction {
  return function request(this: unknown, ...args: unknown[]) {
    const route = routes.getStore();
    return route ? routedRequest(args, route, fallback) : original.apply(this, args);
  };
}

let installed = false;

/**
 * Makes `http.request/get` and `https.request/get` honour the active {@link SdkRoute} (once per
 * process). Outside a route nothing changes: the host's own requests keep their agents.
 */
export function installHttpRouting(): void {
  if (installed) return;
  installed = true;
  // The CommonJS module objects (what SDKs `require`), not the read-only ES namespaces.
  const require = createRequire(import.meta.url);
  for (const [module, protocol] of [[require("node:http"), "http:"], [require("node:https"), "https:"]] as const) {
    const target = module as unknown as Record<"request" | "get", RequestFunction>;
    const request = routed(target.request, protocol);
    const get = target.get;
    target.request = request;
    target.get = function (this: unknown, ...args: unknown[]) {
      if (!routes.getStore()) return get.apply(this, args);
      const req = request.apply(this, args) as { end(): void };
      req.end();
      return req;
    };
  }
}
