import { watch, writeFileSync, type FSWatcher } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { importSourceEditor } from "@connectors/harness";
import { runInStudio, type StudioRunRequest } from "./api/run-in-studio.ts";
import { sampleEvents } from "./api/samples.ts";
import { StudioError, StudioWorkspace } from "./api/workspace.ts";

const PAGE_DIR = join(import.meta.dirname, "page");
const ASSETS: Record<string, [string, string]> = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/app.js": ["app.js", "text/javascript; charset=utf-8"],
  "/app.css": ["app.css", "text/css; charset=utf-8"],
};
const MAX_BODY = 5 * 2 ** 20;

/** Options of {@link startStudio}. */
export interface StudioOptions {
  /** The workspace root (holds plugins/). */
  root: string;
  /** Port on 127.0.0.1 (0 = any free port). */
  port?: number;
}

/** A running studio: its URL and how to stop it. */
export interface RunningStudio {
  url: string;
  server: Server;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new StudioError(413, "request body over 5 MiB");
    chunks.push(chunk as Buffer);
  }
  try {
    return chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
  } catch {
    throw new StudioError(400, "request body is not JSON");
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** Only this machine's pages may call the API: the Host must be loopback (no DNS rebinding), writes must be same-origin. */
function checkCaller(req: IncomingMessage, port: number): void {
  const host = req.headers.host ?? "";
  if (!new RegExp(`^(127\\.0\\.0\\.1|localhost):${port}$`).test(host)) throw new StudioError(403, `refusing Host "${host}": the studio only answers on 127.0.0.1`);
  const origin = req.headers.origin;
  if (req.method !== "GET" && origin && origin !== `http://${host}`) throw new StudioError(403, `refusing a cross-origin ${req.method} from ${origin}`);
}

class Watchers {
  readonly #clients = new Set<ServerResponse>();
  readonly #watchers: FSWatcher[] = [];

  constructor(dir: string) {
    try {
      this.#watchers.push(watch(dir, { recursive: true }, (_, file) => this.notify(String(file ?? "").split("/")[0] ?? "")));
    } catch {
      // recursive watching unsupported: the page still re-runs on demand
    }
  }

  add(res: ServerResponse): void {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    res.write(": connected\n\n");
    this.#clients.add(res);
    res.on("close", () => this.#clients.delete(res));
  }

  notify(id: string): void {
    for (const client of this.#clients) client.write(`event: change\ndata: ${JSON.stringify({ id })}\n\n`);
  }

  close(): void {
    for (const w of this.#watchers) w.close();
    for (const c of this.#clients) c.end();
  }
}

async function route(req: IncomingMessage, res: ServerResponse, workspace: StudioWorkspace, watchers: Watchers): Promise<void> {
  const url = new URL(req.url ?? "/", "http://studio");
  const asset = ASSETS[url.pathname];
  if (req.method === "GET" && asset) {
    res.writeHead(200, { "content-type": asset[1], "cache-control": "no-store" });
    res.end(await readFile(join(PAGE_DIR, asset[0])));
    return;
  }
  const match = /^\/api\/connectors\/([^/]+)(\/source)?$/.exec(url.pathname);
  if (req.method === "GET" && url.pathname === "/api/connectors") return send(res, 200, await workspace.list());
  if (req.method === "GET" && url.pathname === "/api/samples") return send(res, 200, sampleEvents());
  if (req.method === "GET" && url.pathname === "/api/watch") return watchers.add(res);
  if (req.method === "GET" && match && !match[2]) return send(res, 200, await workspace.describe(decodeURIComponent(match[1]!)));
  if (req.method === "PUT" && match?.[2]) {
    const { source } = await readBody(req);
    if (typeof source !== "string") throw new StudioError(400, 'send {"source": "<code>"}');
    const described = await workspace.describe(decodeURIComponent(match[1]!));
    writeFileSync(described.entryFile, source);
    return send(res, 200, { saved: described.entryFile });
  }
  if (req.method === "POST" && url.pathname === "/api/open") {
    const { path } = await readBody(req);
    if (typeof path !== "string") throw new StudioError(400, 'send {"path": "/dir/with/plugin.json"}');
    return send(res, 200, { id: await workspace.open(path) });
  }
  if (req.method === "POST" && url.pathname === "/api/convert") {
    const { id, name, config } = await readBody(req);
    if (typeof name !== "string") throw new StudioError(400, 'send {"id": "<connector>", "name": "<new-slug>"}');
    const imported = await importSourceEditor(workspace.dirOf(String(id)), { name, root: workspace.root, ...(config ? { config } : {}) });
    return send(res, 200, { id: imported.slug, dir: imported.dir, files: imported.files, warnings: imported.warnings });
  }
  if (req.method === "POST" && url.pathname === "/api/run") {
    const body = await readBody(req);
    const run: StudioRunRequest = { ...body, dir: workspace.dirOf(String(body.id)), config: body.config ?? {} };
    return send(res, 200, await runInStudio(run));
  }
  throw new StudioError(404, `no route ${req.method} ${url.pathname}`);
}

/**
 * Starts the connector studio on 127.0.0.1 and returns its URL.
 *
 * @example
 * const studio = await startStudio({ root: process.cwd(), port: 5178 });
 * console.log(studio.url);
 */
export async function startStudio(options: StudioOptions): Promise<RunningStudio> {
  const workspace = new StudioWorkspace(options.root);
  const watchers = new Watchers(join(workspace.root, "plugins"));
  let port = options.port ?? 0;
  const server = createServer((req, res) => {
    Promise.resolve()
      .then(() => checkCaller(req, port))
      .then(() => route(req, res, workspace, watchers))
      .catch((error: unknown) => send(res, error instanceof StudioError ? error.status : 500, { error: { name: (error as Error).name, message: error instanceof Error ? error.message : String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () =>
      new Promise((resolve) => {
        watchers.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
