import type { InterceptedRequest } from "./types.ts";

/** How many redirects one fetch follows (fetch's own limit). */
export const MAX_REDIRECTS = 20;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that describe a body; dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];
/** Credentials that never follow a redirect to another origin. */
const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie", "cookie2"];

/** True for a response the harness follows when the request's `redirect` is "follow". */
export function isRedirect(response: Response): boolean {
  return REDIRECT_STATUSES.has(response.status) && response.headers.has("location");
}

function withoutHeaders(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  const out = { ...headers };
  for (const name of names) delete out[name];
  return out;
}

/**
 * The request a redirect leads to, with fetch's rules: 301/302 turn a POST into a GET and 303 turns
 * anything but GET/HEAD into a GET (body and body headers dropped); 307/308 keep method and body;
 * `authorization`, `proxy-authorization` and cookies are dropped when the origin changes.
 *
 * @throws TypeError when the `location` is not an http(s) URL, or after {@link MAX_REDIRECTS} hops
 */
export function redirectHop(request: InterceptedRequest, response: Response, hops: number): InterceptedRequest {
  if (hops >= MAX_REDIRECTS) throw new TypeError("fetch failed", { cause: new Error(`redirect count exceeded (${MAX_REDIRECTS}); the last hop was ${response.status} from ${request.url}`) });
  const from = new URL(request.url);
  let to: URL;
  try {
    to = new URL(response.headers.get("location")!, from);
  } catch {
    throw new TypeError("fetch failed", { cause: new Error(`a ${response.status} from ${request.url} redirects to an invalid location`) });
  }
  if (to.protocol !== "http:" && to.protocol !== "https:") throw new TypeError("fetch failed", { cause: new Error(`a ${response.status} from ${request.url} redirects to a ${to.protocol} URL; only http and https are followed`) });
  const becomesGet = ((response.status === 301 || response.status === 302) && request.method === "POST") || (response.status === 303 && request.method !== "GET" && request.method !== "HEAD");
  let headers = becomesGet ? withoutHeaders(request.headers, BODY_HEADERS) : request.headers;
  if (to.origin !== from.origin) headers = withoutHeaders(headers, CREDENTIAL_HEADERS);
  if (!becomesGet) return { ...request, url: to.href, headers };
  const bodyBytes = new Uint8Array(0);
  return {
    method: "GET",
    url: to.href,
    headers,
    body: "",
    bodyBytes,
    json: () => JSON.parse(""),
  };
}
