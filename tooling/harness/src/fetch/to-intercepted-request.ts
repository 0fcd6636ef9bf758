type RequestBody = NonNullable<RequestInit["body"]>;

import type { InterceptedRequest } from "./types.ts";

type Init = RequestInit & { timeout?: number };

function normalizeBody(body: unknown): RequestBody | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string" || body instanceof URLSearchParams || body instanceof ArrayBuffer) return body;
  if (ArrayBuffer.isView(body)) return body as Uint8Array;
  return body as RequestBody;
}

/** Turns the arguments of a `fetch` call (node-fetch v2 style too) into a plain request record. */
export async function toInterceptedRequest(input: string | URL | Request, init: Init = {}): Promise<InterceptedRequest> {
  const { timeout: _timeout, ...rest } = init;
  const requestInit: RequestInit = { ...rest };
  const body = normalizeBody(rest.body);
  if (body !== undefined) requestInit.body = body;
  else delete requestInit.body;
  const request = new Request(input, requestInit);
  const bodyBytes = new Uint8Array(await request.arrayBuffer());
  const text = new TextDecoder().decode(bodyBytes);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  return {
    method: request.method.toUpperCase(),
    url: request.url,
    headers,
    body: text,
    bodyBytes,
    json: () => JSON.parse(text),
  };
}
