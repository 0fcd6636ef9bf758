type RequestBody = NonNullable<RequestInit["body"]>;

import { UnexpectedRequestError } from "../errors.ts";
import type { FetchHandler, InterceptedRequest, MockResponse, UrlMatcher } from "./types.ts";

interface Route {
  method: string;
  matcher: UrlMatcher;
  handler: FetchHandler;
  times: number;
  used: number;
}

function matches(matcher: UrlMatcher, url: string): boolean {
  if (typeof matcher === "string") return matcher.endsWith("*") ? url.startsWith(matcher.slice(0, -1)) : url === matcher;
  if (matcher instanceof RegExp) return matcher.test(url);
  return matcher(new URL(url));
}

function describeMatcher(matcher: UrlMatcher): string {
  return typeof matcher === "function" ? "<predicate>" : String(matcher);
}

/** Builds a real `Response` from a declared mock. */
export function toResponse(mock: MockResponse): Response {
  const headers = new Headers(mock.headers);
  let body: RequestBody | null = null;
  if (mock.json !== undefined) {
    body = JSON.stringify(mock.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  } else if (mock.body !== undefined) {
    body = mock.body as RequestBody;
  }
  const status = mock.status ?? 200;
  return new Response([101, 204, 205, 304].includes(status) ? null : body, { status, headers });
}

/**
 * The declared responses of a test (or of `--responses` on the CLI). Routes are tried in the order
 * they were added; a route with `times` answers that many requests, then steps aside.
 *
 * @example
 * const mocks = new FetchInterceptor()
 *   .on("GET", "https://openexchangerates.org/api/latest.json*", { json: { rates: { EUR: 0.84 } } })
 *   .on("POST", /\/batch$/, (request) => ({ status: request.json().length > 10 ? 413 : 200 }));
 */
export class FetchInterceptor {
  readonly #routes: Route[] = [];

  /** Declares a response for `method` (or `*`) requests whose URL matches. */
  on(method: string, url: UrlMatcher, response: FetchHandler | MockResponse | Response, options: { times?: number } = {}): this {
    const handler: FetchHandler =
      typeof response === "function" ? response : response instanceof Response ? () => response.clone() : () => response;
    this.#routes.push({ method: method.toUpperCase(), matcher: url, handler, times: options.times ?? Infinity, used: 0 });
    return this;
  }

  /** Declares a response for exactly one matching request. */
  once(method: string, url: UrlMatcher, response: FetchHandler | MockResponse | Response): this {
    return this.on(method, url, response, { times: 1 });
  }

  /** True when some route still answers this request. */
  handles(method: string, url: string): boolean {
    return this.#find(method, url) !== undefined;
  }

  /** Routes declared with `times` that were not used up; handy for "every mock was called" checks. */
  pending(): string[] {
    return this.#routes.filter((r) => r.times !== Infinity && r.used < r.times).map((r) => `${r.method} ${describeMatcher(r.matcher)}`);
  }

  /** Answers a request from the routes. @throws UnexpectedRequestError when no route matches */
  async respond(request: InterceptedRequest, signal?: AbortSignal | null): Promise<Response> {
    const route = this.#find(request.method, request.url);
    if (!route) throw new UnexpectedRequestError(request.method, request.url);
    route.used++;
    const answer = await route.handler(request);
    if (answer instanceof Response) return answer;
    if (answer.delayMs) await delay(answer.delayMs, signal);
    if (answer.error) throw new TypeError(`fetch failed: ${answer.error}`);
    return toResponse(answer);
  }

  #find(method: string, url: string): Route | undefined {
    return this.#routes.find((r) => (r.method === "*" || r.method === method.toUpperCase()) && r.used < r.times && matches(r.matcher, url));
  }
}

function delay(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}
