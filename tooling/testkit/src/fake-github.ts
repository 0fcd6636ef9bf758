import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request {@link FakeGitHub} received. */
export interface FakeGitHubCall {
  method: string;
  /** Path with the query string. */
  path: string;
  body?: unknown;
}

/** A comment on the fake pull request. */
export interface FakeGitHubComment {
  id: number;
  body: string;
  user: { login: string; type: "User" | "Bot" };
  /** GitHub's relation of the author to the repository (`OWNER`, `MEMBER`, `COLLABORATOR`, `CONTRIBUTOR`, `NONE`). */
  author_association: string;
}

/** A scripted failure: the next `times` matching requests get `status` (with `headers`, `message`). */
export interface FakeGitHubFailure {
  method: string;
  path: RegExp;
  status: number;
  times: number;
  headers?: Record<string, string>;
  message?: string;
}

type Send = (status: number, data: unknown, headers?: Record<string, string>) => void;

/**
 * A loopback fake of the parts of the GitHub REST API the review bot and the approval flow use: one
 * pull request (its files, paginated; its reviews), issue comments (list, create, update, delete),
 * labels, check runs, collaborator permissions, team memberships and file contents. Records every
 * call; comments the client posts are written as `botLogin`; failures can be injected. Any
 * `/repos/<owner>/<repo>` is served; an unknown route answers 404.
 *
 * @example
 * const github = await new FakeGitHub().start();
 * const octokit = new Octokit({ baseUrl: github.url });
 * // ... exercise the client, then
 * expect(github.callLines()).toContain("POST /repos/acme/connectors/issues/7/comments");
 * await github.stop();
 */
export class FakeGitHub {
  readonly calls: FakeGitHubCall[] = [];
  readonly comments: FakeGitHubComment[] = [];
  readonly checkRuns: { id: number; body: Record<string, unknown>; updates: unknown[] }[] = [];
  readonly failures: FakeGitHubFailure[] = [];
  labels = new Set<string>();
  pull = { number: 7, state: "open", merged: false, head: { sha: "a".repeat(40) } };
  /** The pull request's changed files (served 30 a page by default, with a `link` header). */
  prFiles: { filename: string; status: string }[] = [];
  reviews: { id: number; user: { login: string }; state: string; commit_id: string; body: string; submitted_at: string }[] = [];
  /** login → permission (`admin`, `write`, `read`); absent → 404 (not a collaborator). */
  permissions: Record<string, string> = {};
  /** `org/team` → active member logins. */
  teams: Record<string, string[]> = {};
  /** `ref:path` → file text. */
  files: Record<string, string> = {};
  botLogin = "github-actions[bot]";
  url = "";
  private server: Server | undefined;
  private nextId = 100;

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

  /** Adds a comment as someone (the bot's sticky review comment, a human's command). */
  addComment(login: string, body: string, type: "User" | "Bot" = "User", association = "NONE"): FakeGitHubComment {
    const comment = { id: this.nextId++, body, user: { login, type }, author_association: association };
    this.comments.push(comment);
    return comment;
  }

  /** The bodies of the comments the client posted, in order. */
  replies(): string[] {
    return this.calls.filter((c) => c.method === "POST" && /\/comments$/.test(c.path)).map((c) => (c.body as { body: string }).body);
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
    const send: Send = (status, data, headers = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(data === undefined ? "" : JSON.stringify(data));
    };
    const failure = this.failures.find((f) => f.times > 0 && f.method === method && f.path.test(url.pathname));
    if (failure) {
      failure.times -= 1;
      return send(failure.status, { message: failure.message ?? "Server Error" }, failure.headers);
    }
    const route = `${method} ${url.pathname.replace(/^\/repos\/[^/]+\/[^/]+/, "/repo")}`;
    if (this.routePull(route, url, send) || this.routeIssue(route, body, send) || this.routeAccess(route, url, send)) return;
    if (route === "POST /repo/check-runs") {
      const run = { id: this.nextId++, body, updates: [] };
      this.checkRuns.push(run);
      return send(201, { id: run.id });
    }
    const match = /^PATCH \/repo\/check-runs\/(\d+)$/.exec(route);
    if (match) {
      this.checkRuns.find((r) => r.id === Number(match[1]))?.updates.push(body);
      return send(200, { id: Number(match[1]) });
    }
    send(404, { message: `Not Found: ${route}` });
  }

  /** The pull request, its reviews and its files (paginated by `page` / `per_page`). */
  private routePull(route: string, url: URL, send: Send): boolean {
    if (/^GET \/repo\/pulls\/\d+$/.test(route)) return (send(200, this.pull), true);
    if (/^GET \/repo\/pulls\/\d+\/reviews$/.test(route)) return (send(200, this.reviews), true);
    if (!/^GET \/repo\/pulls\/\d+\/files$/.test(route)) return false;
    const page = Number(url.searchParams.get("page") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    const items = this.prFiles.slice((page - 1) * perPage, page * perPage);
    const last = Math.max(1, Math.ceil(this.prFiles.length / perPage));
    const pageUrl = (n: number) => `${this.url}${url.pathname}?per_page=${perPage}&page=${n}`;
    send(200, items, page < last ? { link: `<${pageUrl(page + 1)}>; rel="next", <${pageUrl(last)}>; rel="last"` } : {});
    return true;
  }

  /** Issue comments and labels. */
  private routeIssue(route: string, body: { body?: string; labels?: string[] }, send: Send): boolean {
    const labels = () => [...this.labels].map((name) => ({ name }));
    let match: RegExpExecArray | null;
    if (/^GET \/repo\/issues\/\d+\/comments$/.test(route)) send(200, this.comments);
    else if (/^POST \/repo\/issues\/\d+\/comments$/.test(route)) send(201, this.addComment(this.botLogin, body.body!, "Bot"));
    else if ((match = /^PATCH \/repo\/issues\/comments\/(\d+)$/.exec(route))) {
      const comment = this.comments.find((c) => c.id === Number(match![1]));
      if (comment) comment.body = body.body!;
      send(comment ? 200 : 404, comment ?? { message: "Not Found" });
    } else if ((match = /^DELETE \/repo\/issues\/comments\/(\d+)$/.exec(route))) {
      this.comments.splice(this.comments.findIndex((c) => c.id === Number(match![1])), 1);
      send(204, undefined);
    } else if (/^GET \/repo\/issues\/\d+\/labels$/.test(route)) send(200, labels());
    else if (/^POST \/repo\/issues\/\d+\/labels$/.test(route)) {
      for (const label of body.labels!) this.labels.add(label);
      send(200, labels());
    } else if ((match = /^DELETE \/repo\/issues\/\d+\/labels\/(.+)$/.exec(route))) {
      const removed = this.labels.delete(decodeURIComponent(match[1]!));
      send(removed ? 200 : 404, removed ? labels() : { message: "Label does not exist" });
    } else return false;
    return true;
  }

  /** Collaborator permissions, team memberships and file contents (`?ref=`). */
  private routeAccess(route: string, url: URL, send: Send): boolean {
    let match: RegExpExecArray | null;
    if ((match = /^GET \/repo\/collaborators\/([^/]+)\/permission$/.exec(route))) {
      const login = decodeURIComponent(match[1]!);
      const permission = this.permissions[login];
      send(permission ? 200 : 404, permission ? { permission, role_name: permission, user: { login } } : { message: `${login} is not a user` });
    } else if ((match = /^GET \/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(route))) {
      const members = this.teams[`${match[1]}/${match[2]}`] ?? [];
      const active = members.includes(decodeURIComponent(match[3]!));
      send(active ? 200 : 404, active ? { state: "active", role: "member" } : { message: "Not Found" });
    } else if ((match = /^GET \/repo\/contents\/(.+)$/.exec(route))) {
      const text = this.files[`${url.searchParams.get("ref")}:${decodeURIComponent(match[1]!)}`];
      send(text === undefined ? 404 : 200, text === undefined ? { message: "Not Found" } : { type: "file", encoding: "base64", content: Buffer.from(text).toString("base64"), path: match[1] });
    } else return false;
    return true;
  }
}
