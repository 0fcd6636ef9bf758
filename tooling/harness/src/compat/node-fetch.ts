// `node-fetch` for legacy connectors under test: the plugin server gave plugins the same function as
// their global `fetch`, so this delegates to whatever `globalThis.fetch` is at call time (a test's
// `global.fetch = jest.fn()` included), with node-fetch v2's errors and response extras.
import { AbortError, FetchError, createNodeFetch } from "./node-fetch-v2.ts";

/** node-fetch v2's Headers: the WHATWG class plus `raw()`; `instanceof` accepts every Headers. */
export class Headers extends globalThis.Headers {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof globalThis.Headers;
  }

  /** node-fetch v2: every header as an array of values. */
  raw(): Record<string, string[]> {
    const raw: Record<string, string[]> = {};
    this.forEach((value, key) => (raw[key] = [value]));
    return raw;
  }
}

export const Request = globalThis.Request;
export const Response = globalThis.Response;
export { AbortError, FetchError };

const nodeFetch = createNodeFetch({
  fetch: (input, init) => globalThis.fetch(input, init),
  Headers,
  Request,
  Response,
  toBuffer: (bytes) => Buffer.from(bytes),
});

/** Calls the current `globalThis.fetch`; failures reject with node-fetch v2's FetchError / AbortError. */
export default nodeFetch;
export const isRedirect = nodeFetch.isRedirect;
