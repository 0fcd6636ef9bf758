import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake received. */
export interface RecordedCall {
  method: string;
  path: string;
  body?: unknown;
}

/** A comment on the fake pull request. */
export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: "User" | "Bot" };
}

/**
 * A loopback fake of the parts of the GitHub REST API the approval flow uses: pull requests, issue
 * comments, reviews, collaborator permissions, team memberships and file contents. Records every call;
 * comments the client posts are written as `botLogin`.
 */
export class FakeApprovalsGitHub {
  readonly calls: RecordedCall[] = [];
  readonly comments: FakeComment[] = [];
  reviews: { id: number; user: { login: string }; state: string; commit_id: string; body: string; submitted_at: string }[] = [];
  pull = { number: 7, state: "open", merged: false, head: { sha: "a".repeat(40) } };
  /** login → permission (`admin`, `write`, `read`); absent → 404 (not a collaborator). */
  permissions: Record<string, string> = {};
  /** `org/team` → active member logins. */
  teams: Record<string, string[]> = {};
  /** `ref:path` → file text. */
  files: Record<string, string> = {};
  botLogin = "github-actions[bot]";
  url = "";
  private server: Server | undefined;
  private nextId = 500;

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
  addComment(login: string, body: string, type: "User" | "Bot" = "User"): FakeComment {
    const comment = { id: this.nextId++, body, user: { login, type } };
    this.comments.push(comment);
    return comment;
  }

  /** The comments the client wrote (the bot's replies). */
  replies(): string[] {
    return this.calls.filter((c) => c.method === "POST" && /\/comments$/.test(c.path)).map((c) => (c.body as { body: string }).body);
  }

  /** Calls as `METHOD /path` lines. */
  callLines(): string[] {
    return this.calls.map((c) => `${c.method} ${c.path}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = raw ? JSON.parse(raw) : undefined;
    const url = new URL(req.url ?? "/", this.url);
    const method = req.method ?? "GET";
    this.calls.push({ method, path: `${url.pathname}${url.search}`, ...(body === undefined ? {} : { body }) });
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(data === undefined ? "" : JSON.stringify(data));
    };
    const route = `${method} ${url.pathname.replace(/^\/repos\/[^/]+\/[^/]+/, "/repo")}`;
    let m: RegExpExecArray | null;
    if (/^GET \/repo\/pulls\/\d+$/.test(route)) return send(200, this.pull);
    if (/^GET \/repo\/pulls\/\d+\/reviews$/.test(route)) return send(200, this.reviews);
    if (/^GET \/repo\/issues\/\d+\/comments$/.test(route)) return send(200, this.comments);
    if (/^POST \/repo\/issues\/\d+\/comments$/.test(route)) return send(201, this.addComment(this.botLogin, body.body as string, "Bot"));
    if ((m = /^GET \/repo\/collaborators\/([^/]+)\/permission$/.exec(route))) {
      const login = decodeURIComponent(m[1]!);
      const permission = this.permissions[login];
      return permission ? send(200, { permission, role_name: permission, user: { login } }) : send(404, { message: `${login} is not a user` });
    }
    if ((m = /^GET \/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(route))) {
      const members = this.teams[`${m[1]}/${m[2]}`] ?? [];
      return members.includes(decodeURIComponent(m[3]!)) ? send(200, { state: "active", role: "member" }) : send(404, { message: "Not Found" });
    }
    if ((m = /^GET \/repo\/contents\/(.+)$/.exec(route))) {
      const text = this.files[`${url.searchParams.get("ref")}:${decodeURIComponent(m[1]!)}`];
      return text === undefined ? send(404, { message: "Not Found" }) : send(200, { type: "file", encoding: "base64", content: Buffer.from(text).toString("base64"), path: m[1] });
    }
    return send(404, { message: `Not Found: ${route}` });
  }
}
