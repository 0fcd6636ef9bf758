// `node-fetch` for legacy connectors under test: the plugin server gave plugins the same function as
// their global `fetch`, so this delegates to whatever `globalThis.fetch` is at call time (a test's
// `global.fetch = jest.fn()` included).

/** Calls the current `globalThis.fetch`. */
export default function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  return globalThis.fetch(input, init);
}

export { fetch };
export const Headers = globalThis.Headers;
export const Request = globalThis.Request;
export const Response = globalThis.Response;
