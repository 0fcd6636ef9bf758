import type { PluginFetch } from "@connectors/plugin-api";
import { EgressDeniedError, UnexpectedRequestError } from "../errors.ts";
import { redactRequest, type Redactor } from "../redact.ts";
import { egressDenial, isLoopback, type EgressPolicy } from "./egress-policy.ts";
import type { FetchInterceptor } from "./fetch-interceptor.ts";
import { PinnedAgent } from "./pinned-agent.ts";
import { isRedirect, redirectHop } from "./redirect-hop.ts";
import { resolveCheckedAddresses } from "./resolve-checked-addresses.ts";
import { systemResolver, type HostResolver } from "./resolve-host.ts";
import { sendPinned } from "./send-pinned.ts";
import { toInterceptedRequest } from "./to-intercepted-request.ts";
import type { InterceptedRequest, RecordedRequest } from "./types.ts";
import { keepEntry, type RecordSink } from "../records/record-sink.ts";

/** What the connector's fetch is wired to. */
export interface HarnessFetchOptions {
  plugin: string;
  policy: EgressPolicy;
  redact: Redactor;
  /** Where requests are recorded (redacted), one entry per hop of a redirect chain. */
  record: RecordSink<RecordedRequest>;
  /** Declared responses; checked first. */
  interceptor?: FetchInterceptor;
  /** Send requests no mock answers to the real network (CLI `--allow-network`). Never in tests. */
  network?: boolean;
  /** Send loopback requests no mock answers to the real network (tests with a local server). */
  loopbackNetwork?: boolean;
  /** Resolves host names for requests that go to the network (default: the system resolver). Tests inject one. */
  resolveHost?: HostResolver;
  /** Told about every request as it starts and again when it is answered, refused or failed (redacted entries). */
  onRequest?: RequestObserver;
}

/** Watches the requests of a connector as they happen: `phase` "start" before any answer, "end" once `status` or `error` is set. */
export type RequestObserver = (entry: Readonly<RecordedRequest>, phase: "start" | "end") => void;

/** The harness fetch plus what it holds open. */
export interface HarnessFetch extends PluginFetch {
  /** Closes the kept-alive network connections (the connector was torn down). */
  close(): Promise<void>;
}

interface HopContext {
  options: HarnessFetchOptions;
  agent: PinnedAgent;
  signal: AbortSignal | undefined;
}

type Init = (RequestInit & { timeout?: number }) | undefined;

function signalOf(input: Parameters<PluginFetch>[0], init: Init): AbortSignal | undefined {
  if (init?.signal) return init.signal;
  if (init?.timeout) return AbortSignal.timeout(init.timeout);
  return input instanceof Request ? input.signal : undefined;
}

function redirectModeOf(input: Parameters<PluginFetch>[0], init: Init): NonNullable<RequestInit["redirect"]> {
  return init?.redirect ?? (input instanceof Request ? input.redirect : "follow");
}

/** Marks a response with the URL it came from (mocks have none) and whether redirects led there. */
function finalResponse(response: Response, url: string, redirected: boolean): Response {
  if (response.url !== url) Object.defineProperty(response, "url", { value: url, configurable: true });
  if (redirected) Object.defineProperty(response, "redirected", { value: true, configurable: true });
  return response;
}

/**
 * The `fetch` a connector gets. Every request (every hop of a redirect chain) is recorded with
 * secrets redacted and checked against the egress policy, then answered by a declared mock, or by
 * the network when allowed, or fails with {@link UnexpectedRequestError}. Requests that go to the
 * network resolve their host once, have every address checked and connect only to those addresses.
 * Redirects are followed here, hop by hop, each hop checked again; a connector asking for
 * `redirect: "manual"` gets the 3xx itself.
 */
export function createHarnessFetch(options: HarnessFetchOptions): HarnessFetch {
  const agent = new PinnedAgent();
  const fetch = async (input: Parameters<PluginFetch>[0], init?: Init): Promise<Response> => {
    const context: HopContext = { options, agent, signal: signalOf(input, init) };
    const redirect = redirectModeOf(input, init);
    let request = await toInterceptedRequest(input, init);
    for (let hops = 0; ; hops++) {
      const response = await sendHop(request, context);
      if (redirect === "manual" || !isRedirect(response)) return finalResponse(response, request.url, hops > 0);
      await response.body?.cancel();
      if (redirect === "error") throw new TypeError("fetch failed", { cause: new Error(`${request.url} redirected (${response.status}) and the request's redirect mode is "error"`) });
      request = redirectHop(request, response, hops);
    }
  };
  return Object.assign(fetch, { close: () => agent.close() }) as HarnessFetch;
}

class Refusal extends Error {}

function refuse(entry: RecordedRequest, via: "denied" | "unexpected", error: Error, reason = error.message): never {
  entry.via = via;
  entry.error = reason;
  throw Object.assign(new Refusal(), { cause: error });
}

/** One hop: recorded, checked by name, then answered. */
async function sendHop(request: InterceptedRequest, context: HopContext): Promise<Response> {
  const { options } = context;
  const entry = keepEntry<RecordedRequest>(options.record, { ...redactRequest(request, options.redact), via: "mock" });
  options.onRequest?.(entry, "start");
  try {
    const url = new URL(request.url);
    const denial = egressDenial(url, options.policy);
    if (denial) refuse(entry, "denied", new EgressDeniedError(options.plugin, options.redact(url.host), options.redact(denial)), options.redact(denial));
    const response = await answer(request, url, context, entry);
    entry.status = response.status;
    return response;
  } catch (error) {
    if (error instanceof Refusal) throw error.cause;
    entry.error = options.redact(error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    options.onRequest?.(entry, "end");
  }
}

async function answer(request: InterceptedRequest, url: URL, context: HopContext, entry: RecordedRequest): Promise<Response> {
  const { options } = context;
  if (options.interceptor?.handles(request.method, request.url)) return options.interceptor.respond(request, context.signal);
  if (options.network || (options.loopbackNetwork && isLoopback(url.hostname))) return answerFromNetwork(request, url, context, entry);
  refuse(entry, "unexpected", new UnexpectedRequestError(request.method, options.redact(request.url)));
}

async function answerFromNetwork(request: InterceptedRequest, url: URL, context: HopContext, entry: RecordedRequest): Promise<Response> {
  const { options } = context;
  entry.via = "network";
  if (options.policy.mode === "off") return sendPinned(request, context.signal, undefined);
  const checked = await resolveCheckedAddresses(url.hostname, options.policy, options.resolveHost ?? systemResolver).catch((error: unknown) => {
    throw new TypeError("fetch failed", { cause: error });
  });
  if (checked.denial !== undefined) refuse(entry, "denied", new EgressDeniedError(options.plugin, options.redact(url.host), options.redact(checked.denial)), options.redact(checked.denial));
  context.agent.pin(url.hostname.replace(/^\[(.*)\]$/, "$1"), checked.addresses);
  return sendPinned(request, context.signal, context.agent);
}
