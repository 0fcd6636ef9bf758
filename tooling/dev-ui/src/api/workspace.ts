import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { ConnectorsError, buildConfigSchema, readManifest } from "@connectors/plugin-api";
import { resolveConnectorSource } from "@connectors/harness";

/** Thrown for a request the studio cannot serve (unknown connector, path outside the workspace). */
export class StudioError extends ConnectorsError {
  readonly status: number;

  constructor(status: number, message: string) {
    super("STUDIO", message);
    this.status = status;
  }
}

/** The connectors the studio shows: the workspace's, plus local directories opened this session. */
export class StudioWorkspace {
  readonly root: string;
  readonly #opened = new Set<string>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** Slugs under plugins/ and opened directories, with their display names. */
  async list(): Promise<Array<{ id: string; name: string; local: boolean }>> {
    const plugins = join(this.root, "plugins");
    const slugs = existsSync(plugins) ? readdirSync(plugins).filter((slug) => existsSync(join(plugins, slug, "plugin.json"))).sort() : [];
    const entries = await Promise.all([...slugs.map((slug) => ({ id: slug, dir: join(plugins, slug), local: false })), ...[...this.#opened].map((dir) => ({ id: dir, dir, local: true }))].map(async (c) => ({ id: c.id, local: c.local, name: (await readManifest(c.dir).catch(() => undefined))?.manifest.name ?? c.id })));
    return entries;
  }

  /** Registers a local directory holding plugin.json. */
  async open(path: string): Promise<string> {
    const dir = resolve(path);
    await readManifest(dir);
    this.#opened.add(dir);
    return dir;
  }

  /** The directory of a connector id (a slug or an opened directory). */
  dirOf(id: string): string {
    if (this.#opened.has(id)) return id;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new StudioError(404, `unknown connector "${id}"`);
    const dir = join(this.root, "plugins", id);
    if (!existsSync(join(dir, "plugin.json"))) throw new StudioError(404, `unknown connector "${id}": no plugins/${id}/plugin.json`);
    return dir;
  }

  /** Manifest, derived config schema, entry file source and sample events of a connector. */
  async describe(id: string) {
    const source = await resolveConnectorSource(this.dirOf(id));
    return {
      id,
      dir: source.dir,
      manifest: source.manifest,
      warnings: source.warnings,
      configSchema: buildConfigSchema(source.manifest),
      entryFile: source.entryFile,
      source: readFileSync(source.entryFile, "utf8"),
    };
  }
}
