import { fetch as undiciFetch, type Dispatcher } from "undici";
import type { PinnedAgent } from "./pinned-agent.ts";
import type { InterceptedRequest } from "./types.ts";

/** Statuses whose responses have no body (the Response constructor refuses one). */
/** Statuses whose responses have no body (a Response refuses one). */
export const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Sends one hop to the network with undici's fetch (not the global one, which test setups may
 * patch), never following redirects itself, through the pinned agent when given. The answer is
 * re-wrapped as a global `Response` so connectors see the class they expect.
 */
export async function sendPinned(request: InterceptedRequest, signal: AbortSignal | undefined, agent: PinnedAgent | undefined): Promise<Response> {
  const answer = await undiciFetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.bodyBytes.length ? request.bodyBytes : null,
    redirect: "manual",
    ...(signal ? { signal } : {}),
    ...(agent ? { dispatcher: agent.dispatcher as Dispatcher } : {}),
  });
  const response = new Response(NULL_BODY_STATUSES.has(answer.status) ? null : (answer.body as ReadableStream | null), {
    status: answer.status,
    statusText: answer.statusText,
    headers: answer.headers as unknown as Headers,
  });
  Object.defineProperty(response, "url", { value: answer.url, configurable: true });
  return response;
}
