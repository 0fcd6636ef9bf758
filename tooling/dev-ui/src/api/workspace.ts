import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildConfigSchema, readManifest } from "@connectors/plugin-api";
import { resolveConnectorSource } from "@connectors/harness";
import { StudioError } from "../studio-error.ts";
import { listFixtureEvents } from "./fixture-events.ts";
import { describeStartFailure } from "./load-problems.ts";
import { listEditableFiles } from "./package-files.ts";
import { packageOrigin } from "./package-origin.ts";

export { StudioError };

/** A connector in the studio's list. */
export interface ListedConnector {
  id: string;
  name: string;
  description: string;
  categories: string[];
  local: boolean;
  trusted: boolean;
}

const HOOKS = ["processEvent", "onEvent", "composeWebhook", "runEveryMinute", "runEveryHour", "runEveryDay"] as const;

/** Hooks a package's code names (exportEvents counts as onEvent; processEventBatch as processEvent). */
function hooksIn(code: string): string[] {
  const found = HOOKS.filter((hook) => new RegExp(`\\b${hook}\\b`).test(code) || (hook === "processEvent" && /\bprocessEventBatch\b/.test(code)) || (hook === "onEvent" && /\bexportEvents\b/.test(code)));
  return found.length ? [...found] : ["processEvent"];
}

/** The connectors the studio shows: the workspace's plugins/, plus local folders opened this session. */
export class StudioWorkspace {
  readonly root: string;
  readonly #opened = new Set<string>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** Connectors by display name, with what the search box matches (description, categories). */
  async list(): Promise<ListedConnector[]> {
    const plugins = join(this.root, "plugins");
    const slugs = existsSync(plugins) ? readdirSync(plugins).filter((slug) => existsSync(join(plugins, slug, "plugin.json"))).sort() : [];
    const candidates = [...slugs.map((slug) => ({ id: slug, dir: join(plugins, slug), local: false })), ...[...this.#opened].map((dir) => ({ id: dir, dir, local: true }))];
    const listed = await Promise.all(
      candidates.map(async (c) => {
        const manifest = (await readManifest(c.dir).catch(() => undefined))?.manifest;
        return { id: c.id, local: c.local, trusted: packageOrigin(c.dir).trusted, name: manifest?.name ?? c.id, description: manifest?.description ?? "", categories: manifest?.categories ?? [] };
      }),
    );
    return listed.sort((a, b) => Number(a.local) - Number(b.local) || a.name.localeCompare(b.name));
  }

  /** Registers a local folder holding plugin.json (it runs only in the sandbox). @throws StudioError 400 naming the path */
  async open(path: string): Promise<string> {
    const dir = resolve(path);
    if (!existsSync(join(dir, "plugin.json"))) throw new StudioError(400, `${dir} has no plugin.json: open the folder that holds the connector's plugin.json`, { field: "path" });
    await readManifest(dir);
    this.#opened.add(dir);
    return dir;
  }

  /** True for a workspace package of the checkout the studio runs from (may run in-process); all else runs in the sandbox. */
  isTrusted(dir: string): boolean {
    return packageOrigin(dir).trusted;
  }

  /** The folder of a connector id (a slug or an opened folder). @throws StudioError 404 */
  dirOf(id: unknown): string {
    if (typeof id !== "string" || !id) throw new StudioError(400, 'name the connector: send {"id": "<slug>"}', { field: "id" });
    if (this.#opened.has(id)) return id;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new StudioError(404, `unknown connector "${id}"`, { field: "id" });
    const dir = join(this.root, "plugins", id);
    if (!existsSync(join(dir, "plugin.json"))) throw new StudioError(404, `unknown connector "${id}": there is no plugins/${id}/plugin.json`, { field: "id" });
    return dir;
  }

  /**
   * Everything the page needs to show a connector: manifest, config schema, files, hooks, fixtures,
   * trust. A connector that does not load (a broken plugin.json) is still described, with
   * `loadError`, so its files can be fixed in the editor.
   */
  async describe(id: string) {
    const dir = this.dirOf(id);
    try {
      return await this.#describeLoadable(id, dir);
    } catch (error) {
      if (error instanceof StudioError) throw error;
      const files = listEditableFiles(dir, "index.ts");
      const main = files.find((f) => /^index\.[jt]s$/.test(f)) ?? "plugin.json";
      const manifest = { name: id, config: [] };
      return { id, dir, trusted: packageOrigin(dir).trusted, manifest, warnings: [], configSchema: buildConfigSchema(manifest), main, files, hooks: ["processEvent"], fixtures: [], source: "", loadError: describeStartFailure(dir, undefined, error) };
    }
  }

  async #describeLoadable(id: string, dir: string) {
    const source = await resolveConnectorSource(dir);
    const main = source.snapshot.main;
    const code = [...source.snapshot.files.entries()].filter(([path]) => /\.(ts|js|mjs|cjs)$/.test(path) && !/\.test\.|(^|\/)test\//.test(path)).map(([, bytes]) => bytes.toString("utf8")).join("\n");
    return {
      id,
      dir,
      trusted: source.snapshot.trusted,
      manifest: source.manifest,
      warnings: source.warnings,
      configSchema: buildConfigSchema(source.manifest),
      main,
      files: listEditableFiles(dir, main),
      hooks: hooksIn(code),
      fixtures: listFixtureEvents(dir),
      source: readFileSync(join(dir, main), "utf8"),
    };
  }
}
