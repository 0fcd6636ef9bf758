// node-fetch v2 (the `fetch` PostHog's plugin server gave plugins, also importable as 'node-fetch')
// as a module over any WHATWG-style fetch: the harness fetch in-process, the bridged fetch in the
// sandbox (the sandbox prelude bundles this file, so it must stay free of imports), the current
// global fetch under Vitest. The API shapes (error names, `type`, `code`, messages) are node-fetch v2's.

/** Fields node-fetch v2 copied from the system error it wrapped. */
export interface SystemErrorLike {
  code?: string | undefined;
}

/** Marks a harness policy error (egress denied, unexpected request) that also counts as a FetchError. */
const FETCH_ERROR_BRAND = Symbol.for("connectors.node-fetch.FetchError");

/**
 * node-fetch v2's `FetchError`: `type` says what failed (`system`, `request-timeout`,
 * `invalid-json`, `max-redirect`, ...); a wrapped system error's `code` is copied to `code` and
 * `errno`. The harness's own refusals (egress denied, no mock for a request) keep their class, so
 * reports still name them, and are `instanceof FetchError` with `type: "system"` too.
 */
export class FetchError extends Error {
  readonly type: string;
  code?: string;
  errno?: string;

  constructor(message: string, type: string, systemError?: SystemErrorLike) {
    super(message);
    this.type = type;
    if (systemError?.code !== undefined) this.code = this.errno = systemError.code;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== FetchError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return Function.prototype[Symbol.hasInstance].call(FetchError, value) || (typeof value === "object" && value !== null && FETCH_ERROR_BRAND in value);
  }
}
Object.defineProperty(FetchError.prototype, "name", { value: "FetchError", writable: true, configurable: true });

/** node-fetch v2's `AbortError` (the request's signal was aborted): `type` is `aborted`. */
export class AbortError extends Error {
  readonly type = "aborted";
}
Object.defineProperty(AbortError.prototype, "name", { value: "AbortError", writable: true, configurable: true });

/** The message node-fetch v2 gave an aborted request. */
export const ABORTED_MESSAGE = "The user aborted a request.";

function urlOf(input: unknown): string {
  if (typeof input === "string") return input;
  const candidate = input as { href?: unknown; url?: unknown } | null;
  if (candidate && typeof candidate.href === "string") return candidate.href;
  if (candidate && typeof candidate.url === "string") return candidate.url;
  return String(input);
}

function codeOf(error: { code?: unknown; cause?: { code?: unknown } }): string | undefined {
  const code = error.code ?? error.cause?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * What node-fetch v2 would have rejected with for a failed request: an abort becomes `AbortError`,
 * a timeout `FetchError` of type `request-timeout`, anything else `FetchError` of type `system`
 * ("request to URL failed, reason: ..."), keeping the original as `cause`.
 */
export function toNodeFetchError(thrown: unknown, url: string): Error {
  if (thrown instanceof FetchError || thrown instanceof AbortError) return thrown;
  const error = (thrown ?? {}) as { name?: string; message?: string; code?: unknown; cause?: { code?: unknown } };
  if (isHarnessRefusal(thrown)) return brandAsFetchError(thrown, thrown.code);
  let converted: Error;
  if (error.name === "AbortError") converted = new AbortError(ABORTED_MESSAGE);
  else if (error.name === "TimeoutError") converted = new FetchError(`network timeout at: ${url}`, "request-timeout");
  else converted = new FetchError(`request to ${url} failed, reason: ${error.message ?? String(thrown)}`, "system", { code: codeOf(error) });
  Object.defineProperty(converted, "cause", { value: thrown, writable: true, configurable: true });
  return converted;
}

/** The codes of the harness's own refusals of a request (see the harness's errors.ts). */
const HARNESS_REFUSALS: ReadonlySet<unknown> = new Set(["EGRESS_DENIED", "UNEXPECTED_REQUEST"]);

function isHarnessRefusal(thrown: unknown): thrown is Error & { code: string } {
  return thrown instanceof Error && HARNESS_REFUSALS.has((thrown as { code?: unknown }).code) && Object.isExtensible(thrown);
}

function brandAsFetchError(error: Error, code: string): Error {
  for (const [name, value] of [["type", "system"], ["errno", code], [FETCH_ERROR_BRAND, true]] as const) {
    Object.defineProperty(error, name, { value, configurable: true, writable: true });
  }
  return error;
}

type AnyFetch = (input: any, init?: any) => Promise<any>;

/** What {@link createNodeFetch} builds the module from. */
export interface NodeFetchParts {
  fetch: AnyFetch;
  Headers: any;
  Request: any;
  Response: any;
  /** Bytes to a Buffer (node-fetch v2's `response.buffer()`). */
  toBuffer: (bytes: ArrayBuffer) => unknown;
}

function rawHeaders(headers: { forEach(callback: (value: string, key: string) => void): void }): Record<string, string[]> {
  const raw: Record<string, string[]> = {};
  headers.forEach((value, key) => {
    raw[key] = key === "set-cookie" ? value.split(/,\s*(?=[^;=,\s]+=)/) : [value];
  });
  return raw;
}

/** Adds node-fetch v2's response extras: `buffer()`, `headers.raw()`, and `json()` failing with FetchError. */
function withNodeFetchExtras(response: any, url: string, toBuffer: NodeFetchParts["toBuffer"]): any {
  const text = response.text.bind(response);
  const define = (target: object, name: string, value: unknown) => Object.defineProperty(target, name, { value, writable: true, configurable: true });
  define(response, "buffer", async () => toBuffer(await response.arrayBuffer()));
  define(response, "json", async () => {
    const body = await text();
    try {
      return JSON.parse(body);
    } catch (error) {
      throw new FetchError(`invalid json response body at ${url} reason: ${(error as Error).message}`, "invalid-json");
    }
  });
  if (response.headers && typeof response.headers.raw !== "function") define(response.headers, "raw", () => rawHeaders(response.headers));
  return response;
}

function isRedirect(code: number): boolean {
  return code === 301 || code === 302 || code === 303 || code === 307 || code === 308;
}

/** The `node-fetch` module object {@link createNodeFetch} builds. */
export type NodeFetchModule = AnyFetch & {
  default: AnyFetch;
  Headers: unknown;
  Request: unknown;
  Response: unknown;
  FetchError: typeof FetchError;
  AbortError: typeof AbortError;
  isRedirect: (code: number) => boolean;
};

/**
 * The `node-fetch` module: a function (`require('node-fetch')(url)`) that is also its own `default`,
 * with `Headers`, `Request`, `Response`, `FetchError`, `AbortError` and `isRedirect`. Failed requests
 * reject with {@link FetchError} / {@link AbortError}, so `error instanceof FetchError` works.
 */
export function createNodeFetch(parts: NodeFetchParts): NodeFetchModule {
  const nodeFetch = async (input: unknown, init?: unknown) => {
    const url = urlOf(input);
    const signal = (init as { signal?: { aborted?: boolean } } | undefined)?.signal ?? (input as { signal?: { aborted?: boolean } } | null)?.signal;
    if (signal?.aborted) throw new AbortError(ABORTED_MESSAGE);
    let response;
    try {
      response = await parts.fetch(input, init);
    } catch (error) {
      throw toNodeFetchError(error, url);
    }
    // A test's stand-in (`global.fetch = jest.fn(async () => ({ json: ... }))`) is returned as it is.
    return response instanceof parts.Response ? withNodeFetchExtras(response, url, parts.toBuffer) : response;
  };
  return Object.assign(nodeFetch, {
    default: nodeFetch,
    Headers: parts.Headers,
    Request: parts.Request,
    Response: parts.Response,
    FetchError,
    AbortError,
    isRedirect,
  });
}
