import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake received. */
export interface RecordedCall {
  method: string;
  path: string;
  body?: unknown;
}

/** A scripted failure: the next `times` matching requests get `status` (with `headers`, `message`). */
export interface InjectedFailure {
  method: string;
  path: RegExp;
  status: number;
  times: number;
  headers?: Record<string, string>;
  message?: string;
}

/**
 * A loopback fake of the GitHub REST API: enough of issues (comments, labels), pulls (files, with
 * pagination) and checks for the review bot. Records every call; failures can be injected.
 */
export class FakeGitHub {
  readonly calls: RecordedCall[] = [];
  readonly comments: { id: number; body: string }[] = [];
  readonly checkRuns: { id: number; body: Record<string, unknown>; updates: unknown[] }[] = [];
  labels = new Set<string>();
  prFiles: { filename: string; status: string }[] = [];
  readonly failures: InjectedFailure[] = [];
  private server: Server | undefined;
  private nextId = 100;
  url = "";

  /** Starts listening on 127.0.0.1 (random port) and sets `url`. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Stops the server. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The calls as `METHOD /path` lines (query strings kept), for assertions. */
  callLines(): string[] {
    return this.calls.map((call) => `${call.method} ${call.path}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = raw ? JSON.parse(raw) : undefined;
    const url = new URL(req.url ?? "/", this.url);
    const method = req.method ?? "GET";
    this.calls.push({ method, path: `${url.pathname}${url.search}`, ...(body === undefined ? {} : { body }) });
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(data === undefined ? "" : JSON.stringify(data));
    };
    const failure = this.failures.find((f) => f.times > 0 && f.method === method && f.path.test(url.pathname));
    if (failure) {
      failure.times -= 1;
      return send(failure.status, { message: failure.message ?? "Server Error" }, failure.headers);
    }
    const route = `${method} ${url.pathname.replace(/^\/repos\/[^/]+\/[^/]+/, "/repo")}`;
    const page = Number(url.searchParams.get("page") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    let match: RegExpExecArray | null;
    if ((match = /^GET \/repo\/pulls\/\d+\/files$/.exec(route))) {
      const items = this.prFiles.slice((page - 1) * perPage, page * perPage);
      const last = Math.max(1, Math.ceil(this.prFiles.length / perPage));
      const link: Record<string, string> = page < last ? { link: `<${this.url}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next", <${this.url}${url.pathname}?per_page=${perPage}&page=${last}>; rel="last"` } : {};
      return send(200, items, link);
    }
    if (/^GET \/repo\/issues\/\d+\/comments$/.test(route)) return send(200, this.comments.map((c) => ({ ...c, user: { login: "bot" } })));
    if (/^POST \/repo\/issues\/\d+\/comments$/.test(route)) {
      const comment = { id: this.nextId++, body: body.body as string };
      this.comments.push(comment);
      return send(201, comment);
    }
    if ((match = /^PATCH \/repo\/issues\/comments\/(\d+)$/.exec(route))) {
      const comment = this.comments.find((c) => c.id === Number(match![1]));
      if (!comment) return send(404, { message: "Not Found" });
      comment.body = body.body;
      return send(200, comment);
    }
    if ((match = /^DELETE \/repo\/issues\/comments\/(\d+)$/.exec(route))) {
      this.comments.splice(this.comments.findIndex((c) => c.id === Number(match![1])), 1);
      return send(204, undefined);
    }
    if (/^GET \/repo\/issues\/\d+\/labels$/.test(route)) return send(200, [...this.labels].map((name) => ({ name })));
    if (/^POST \/repo\/issues\/\d+\/labels$/.test(route)) {
      for (const label of body.labels as string[]) this.labels.add(label);
      return send(200, [...this.labels].map((name) => ({ name })));
    }
    if ((match = /^DELETE \/repo\/issues\/\d+\/labels\/(.+)$/.exec(route))) {
      const name = decodeURIComponent(match[1]!);
      if (!this.labels.delete(name)) return send(404, { message: "Label does not exist" });
      return send(200, [...this.labels].map((label) => ({ name: label })));
    }
    if (route === "POST /repo/check-runs") {
      const run = { id: this.nextId++, body, updates: [] };
      this.checkRuns.push(run);
      return send(201, { id: run.id });
    }
    if ((match = /^PATCH \/repo\/check-runs\/(\d+)$/.exec(route))) {
      this.checkRuns.find((r) => r.id === Number(match![1]))?.updates.push(body);
      return send(200, { id: Number(match[1]) });
    }
    return send(404, { message: `Not Found: ${route}` });
  }
}
