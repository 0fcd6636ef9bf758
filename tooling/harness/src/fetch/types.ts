/** A request as a mock handler sees it: real values, nothing redacted. */
export interface InterceptedRequest {
  method: string;
  url: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The body as text ("" when there is none). */
  body: string;
  /** The body as bytes (gzip uploads and the like). */
  bodyBytes: Uint8Array;
  /** The body parsed as JSON; throws when it is not JSON. */
  json(): any;
}

/** A response a test declares. `json` sets the body and the content type; `error` fails like a network error. */
export interface MockResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  json?: unknown;
  /** Fail the request as a network error would (the connector's fetch rejects). */
  error?: string;
  /** Delay the answer by this many ms (real time); an aborted signal rejects it. */
  delayMs?: number;
}

export type FetchHandler = (request: InterceptedRequest) => MockResponse | Response | Promise<MockResponse | Response>;

/** Which requests a handler answers: an exact URL, a URL prefix ending in `*`, a RegExp or a predicate. */
export type UrlMatcher = string | RegExp | ((url: URL) => boolean);

/** A request as recorded for assertions and reports: secrets redacted. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Status of the answer, or undefined when it failed (see `error`). */
  status?: number;
  error?: string;
  /** How it was answered. */
  via: "mock" | "network" | "denied" | "unexpected";
}
