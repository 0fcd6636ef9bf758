import type { PluginFetch } from "@connectors/plugin-api";
import { EgressDeniedError, UnexpectedRequestError } from "../errors.ts";
import { REDACTED, isSensitiveHeader, type Redactor } from "../redact.ts";
import { egressDenial, isLoopback, type EgressPolicy } from "./egress-policy.ts";
import type { FetchInterceptor } from "./fetch-interceptor.ts";
import { toInterceptedRequest } from "./to-intercepted-request.ts";
import type { InterceptedRequest, RecordedRequest } from "./types.ts";

/** What the connector's fetch is wired to. */
export interface HarnessFetchOptions {
  plugin: string;
  policy: EgressPolicy;
  redact: Redactor;
  /** Where requests are recorded (redacted). */
  record: RecordedRequest[];
  /** Declared responses; checked first. */
  interceptor?: FetchInterceptor;
  /** Send requests no mock answers to the real network (CLI `--allow-network`). Never in tests. */
  network?: boolean;
  /** Send loopback requests no mock answers to the real network (tests with a local server). */
  loopbackNetwork?: boolean;
  /** Told about every request as it starts and again when it is answered, refused or failed (redacted entries). */
  onRequest?: RequestObserver;
}

/** Watches the requests of a connector as they happen: `phase` "start" before any answer, "end" once `status` or `error` is set. */
export type RequestObserver = (entry: Readonly<RecordedRequest>, phase: "start" | "end") => void;

function redactRequest(request: InterceptedRequest, redact: Redactor): Omit<RecordedRequest, "via"> {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, isSensitiveHeader(k) ? REDACTED : redact(v)]));
  return { method: request.method, url: redact(request.url), headers, body: redact(request.body) };
}

function withTimeout(init: (RequestInit & { timeout?: number }) | undefined): RequestInit | undefined {
  if (!init?.timeout || init.signal) return init;
  const { timeout, ...rest } = init;
  return { ...rest, signal: AbortSignal.timeout(timeout) };
}

/**
 * The `fetch` a connector gets. Every call is recorded with secrets redacted, checked against the
 * egress policy, then answered by a declared mock, or by the network when allowed, or fails with
 * {@link UnexpectedRequestError}. It never reaches the network in tests.
 */
export function createHarnessFetch(options: HarnessFetchOptions): PluginFetch {
  return async (input, init) => {
    const request = await toInterceptedRequest(input, init);
    const entry: RecordedRequest = { ...redactRequest(request, options.redact), via: "mock" };
    options.record.push(entry);
    options.onRequest?.(entry, "start");
    try {
      const url = new URL(request.url);
      const denial = egressDenial(url, options.policy);
      if (denial) {
        entry.via = "denied";
        entry.error = denial;
        throw new EgressDeniedError(options.plugin, url.host, denial);
      }
      try {
        const response = await answer(request, url, init, options, entry);
        entry.status = response.status;
        return response;
      } catch (error) {
        entry.error = options.redact(error instanceof Error ? error.message : String(error));
        throw error;
      }
    } finally {
      options.onRequest?.(entry, "end");
    }
  };
}

async function answer(
  request: InterceptedRequest,
  url: URL,
  init: (RequestInit & { timeout?: number }) | undefined,
  options: HarnessFetchOptions,
  entry: RecordedRequest,
): Promise<Response> {
  if (options.interceptor?.handles(request.method, request.url)) {
    const signal = init?.signal ?? (init?.timeout ? AbortSignal.timeout(init.timeout) : undefined);
    return options.interceptor.respond(request, signal);
  }
  if (options.network || (options.loopbackNetwork && isLoopback(url.hostname))) {
    entry.via = "network";
    return globalThis.fetch(request.url, withTimeout({ ...init, method: request.method, headers: request.headers, body: request.bodyBytes.length ? request.bodyBytes : null }));
  }
  entry.via = "unexpected";
  throw new UnexpectedRequestError(request.method, options.redact(request.url));
}
