import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { ConnectorsError } from "@connectors/plugin-api";
import { streamTests } from "./api/stream-tests.ts";
import { PackageWatcher } from "./api/watch-packages.ts";
import { checkCaller } from "./http/check-caller.ts";
import { readJsonBody, sendJson, stringField } from "./http/http-io.ts";
import { PageAssets } from "./http/page-assets.ts";
import { StudioApp, type ScaffoldConnector } from "./studio-app.ts";
import { StudioError } from "./studio-error.ts";

/** Options of {@link startStudio}. */
export interface StudioOptions {
  /** The workspace root (holds plugins/). */
  root: string;
  /** Port on 127.0.0.1 (0 = any free port). */
  port?: number;
  /** Creates a connector from the template (the CLI passes `scaffoldConnector`); without it the page offers no "New connector". */
  scaffold?: ScaffoldConnector;
}

/** A running studio: its URL and how to stop it. */
export interface RunningStudio {
  url: string;
  server: Server;
  close(): Promise<void>;
}

type Handler = (ctx: { req: IncomingMessage; res: ServerResponse; params: string[]; url: URL; body: () => Promise<Record<string, unknown>> }) => Promise<unknown> | unknown;

/** Marks a handler that wrote its own response (streams). */
const STREAMED = Symbol("streamed");

function routes(app: StudioApp, watcher: PackageWatcher): Array<[string, RegExp, Handler]> {
  const id = (params: string[]) => decodeURIComponent(params[0]!);
  return [
    ["GET", /^\/api\/features$/, () => app.features()],
    ["GET", /^\/api\/connectors$/, () => app.workspace.list()],
    ["GET", /^\/api\/events$/, ({ res }) => (app.hub.add(res), STREAMED)],
    ["POST", /^\/api\/open$/, async ({ body }) => {
      const opened = await app.workspace.open(stringField(await body(), "path", "/path/to/folder/with/plugin.json"));
      watcher.add(opened, opened);
      return { id: opened };
    }],
    ["POST", /^\/api\/new$/, async ({ body }) => app.create(await body())],
    ["POST", /^\/api\/convert$/, async ({ body }) => app.convertOpened(await body())],
    ["POST", /^\/api\/convert-source$/, async ({ body }) => app.convertSource(await body())],
    ["POST", /^\/api\/requests\/(\d+)\/answer$/, async ({ params, body }) => app.answer(Number(params[0]), await body())],
    ["GET", /^\/api\/connectors\/([^/]+)$/, ({ params }) => app.workspace.describe(id(params))],
    ["GET", /^\/api\/connectors\/([^/]+)\/session$/, ({ params }) => app.session(id(params)).snapshot()],
    ["GET", /^\/api\/connectors\/([^/]+)\/files$/, ({ params, url }) => app.read(id(params), url.searchParams.get("path"))],
    ["PUT", /^\/api\/connectors\/([^/]+)\/files$/, async ({ params, body }) => app.save(id(params), await body())],
    ["POST", /^\/api\/connectors\/([^/]+)\/check$/, async ({ params, body }) => app.check(id(params), await body())],
    ["POST", /^\/api\/connectors\/([^/]+)\/run$/, async ({ params, body }) => app.run(id(params), await body())],
    ["POST", /^\/api\/connectors\/([^/]+)\/stop$/, ({ params }) => ({ stopped: app.session(id(params)).stop() })],
    ["POST", /^\/api\/connectors\/([^/]+)\/reset$/, async ({ params }) => (await app.session(id(params)).reset(), app.session(id(params)).snapshot())],
    ["POST", /^\/api\/connectors\/([^/]+)\/fixtures\/responses$/, async ({ params, body }) => app.saveResponses(id(params), await body())],
    ["POST", /^\/api\/connectors\/([^/]+)\/fixtures\/events$/, async ({ params, body }) => app.saveEvent(id(params), await body())],
    ["POST", /^\/api\/connectors\/([^/]+)\/review$/, ({ params }) => app.review(id(params))],
    ["POST", /^\/api\/connectors\/([^/]+)\/tests$/, ({ params, res }) => {
      const dir = app.workspace.dirOf(id(params));
      if (!app.workspace.isTrusted(dir)) throw new StudioError(403, "tests run in-process, so only workspace packages of this checkout run them here; run the tests of other code in CI", { field: "id" });
      streamTests(res, app.workspace.root, dir);
      return STREAMED;
    }],
  ];
}

function statusOf(error: unknown): number {
  if (error instanceof StudioError) return error.status;
  // Every other ConnectorsError is about the user's input or code (config, manifest, import, load).
  return error instanceof ConnectorsError ? 400 : 500;
}

function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const e = error as Partial<StudioError> & Error;
  sendJson(res, statusOf(error), { error: { name: e?.name ?? "Error", message: e instanceof Error ? e.message : String(error), ...(e?.field ? { field: e.field } : {}), ...(e?.problems?.length ? { problems: e.problems } : {}) } });
}

function handle(req: IncomingMessage, res: ServerResponse, table: Array<[string, RegExp, Handler]>, assets: PageAssets, port: number): Promise<void> {
  return Promise.resolve()
    .then(async () => {
      checkCaller(req, port);
      const url = new URL(req.url ?? "/", "http://studio");
      if (req.method === "GET" && assets.has(url.pathname)) return assets.serve(url.pathname, res);
      for (const [method, pattern, handler] of table) {
        const match = pattern.exec(url.pathname);
        if (!match || method !== req.method) continue;
        const result = await handler({ req, res, url, params: match.slice(1), body: () => readJsonBody(req) });
        if (result !== STREAMED) sendJson(res, 200, result);
        return;
      }
      throw new StudioError(404, `no route ${req.method} ${url.pathname}`);
    })
    .catch((error: unknown) => sendError(res, error));
}

/** Thrown when the studio's port is taken. */
export class StudioPortInUseError extends ConnectorsError {
  constructor(port: number) {
    super("STUDIO_PORT_IN_USE", `Port ${port} on 127.0.0.1 is already in use (is another studio running?). Fix: stop the other process, or pick another port: pnpm connectors dev --port ${port + 1} (--port 0 takes any free port)`);
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "EADDRINUSE" ? new StudioPortInUseError(port) : error));
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

/**
 * Starts the connector studio on 127.0.0.1 and returns its URL.
 *
 * @example
 * const studio = await startStudio({ root: process.cwd(), port: 5178 });
 * console.log(studio.url);
 * @throws StudioPortInUseError when the port is taken
 */
export async function startStudio(options: StudioOptions): Promise<RunningStudio> {
  const app = new StudioApp(options.root, options.scaffold);
  const watcher = new PackageWatcher(app.hub);
  const assets = new PageAssets();
  const table = routes(app, watcher);
  let port = options.port ?? 0;
  const server = createServer((req, res) => void handle(req, res, table, assets, port));
  await listen(server, port);
  port = (server.address() as { port: number }).port;
  watcher.add(join(app.workspace.root, "plugins"));
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: async () => {
      watcher.close();
      await app.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
