import type { ServerResponse } from "node:http";

/** What the page hears about as it happens (server-sent events). */
export type StudioEventName = "change" | "request" | "paused" | "answered" | "log" | "run";

/**
 * The studio's one server-sent event stream: file changes, requests as they start and end,
 * requests waiting for an answer, log lines and run states. Slow clients are dropped rather than
 * buffered without end.
 */
export class EventHub {
  readonly #clients = new Set<ServerResponse>();

  /** Turns a response into an event stream. */
  add(res: ServerResponse): void {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    res.write(": connected\n\n");
    this.#clients.add(res);
    res.on("close", () => this.#clients.delete(res));
  }

  /** Sends one event to every page. */
  publish(name: StudioEventName, data: unknown): void {
    const frame = `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of this.#clients) {
      if (client.writableLength > 8 * 2 ** 20) client.destroy();
      else client.write(frame);
    }
  }

  /** Ends every stream (server shutdown). */
  close(): void {
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }
}
