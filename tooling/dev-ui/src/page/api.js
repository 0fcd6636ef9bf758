// Talking to the studio server: JSON calls and the live event stream.

/** An API failure: the server's message and the field it names. */
export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.field = error?.field;
    this.problems = error?.problems ?? [];
  }
}

/** Calls the API with a JSON body; throws ApiError for a 4xx/5xx answer. */
export async function api(path, { method = "GET", body } = {}) {
  const response = await fetch(path, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, data.error);
  return data;
}

/** Streams a text response into `onText` chunk by chunk (test output). */
export async function streamText(path, onText) {
  const response = await fetch(path, { method: "POST" });
  if (!response.ok) {
    const data = await response.json().catch(() => ({}));
    throw new ApiError(response.status, data.error);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    onText(value);
  }
}

/** Subscribes to the studio's server-sent events: handlers by event name. */
export function listen(handlers) {
  const source = new EventSource("/api/events");
  for (const [name, handler] of Object.entries(handlers)) source.addEventListener(name, (e) => handler(JSON.parse(e.data)));
  return source;
}
