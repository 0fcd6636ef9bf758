import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { RetryError, readManifest, type PluginManifest } from "@connectors/plugin-api";
import { systemClock } from "../clock.ts";
import { createHostRequire } from "../load/host-require.ts";
import { loadConnector } from "../load/load-connector.ts";
import { findWorkspaceRoot, resolveConnectorSource } from "../load/resolve-source.ts";
import { InstallError } from "./install-error.ts";
import { parseInstallSource, type InstallSource } from "./parse-install-source.ts";
import { readArchive, type ArchiveFiles } from "./read-archive.ts";

/** Options of {@link installConnector}. Base URLs default to the env vars, then the public hosts. */
export interface InstallOptions {
  /** Directory that receives `<slug>/` (default `<workspace>/.connectors/installed`). */
  into?: string;
  /** Slug to install as (default: derived from the package or repository name). */
  name?: string;
  /** Replace an existing installation of the same slug. */
  force?: boolean;
  /** npm registry (env CONNECTORS_NPM_REGISTRY, default https://registry.npmjs.org). */
  npmRegistry?: string;
  /** Where GitHub archives are fetched: `<base>/<owner>/<repo>/archive/<ref>.zip` (env CONNECTORS_GITHUB_URL, default https://github.com). */
  githubUrl?: string;
  /** Where GitLab archives are fetched: `<base>/<project>/-/archive/<ref>/<name>-<ref>.tar.gz` (env CONNECTORS_GITLAB_URL, default https://gitlab.com). */
  gitlabUrl?: string;
  cwd?: string;
  /** HTTP client (default the global fetch). */
  fetch?: typeof fetch;
}

/** A connector installed on disk: `dir` holds plugin.json and the main file, nothing else. */
export interface InstalledConnector {
  slug: string;
  dir: string;
  source: InstallSource;
  manifest: PluginManifest;
  /** Files written, relative to `dir` (plugin.json, the main file, .install.json). */
  files: string[];
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

function describe(source: InstallSource): string {
  switch (source.kind) {
    case "workspace":
      return `workspace connector "${source.slug}"`;
    case "dir":
      return `directory ${source.dir}`;
    case "tgz":
      return `tarball ${source.file}`;
    case "npm":
      return `npm package ${source.name}${source.version ? `@${source.version}` : ""}`;
    case "github":
      return `GitHub ${source.owner}/${source.repo}${source.ref ? `@${source.ref}` : ""}${source.subdir ? ` (${source.subdir})` : ""}`;
    case "gitlab":
      return `GitLab ${source.project}${source.ref ? `@${source.ref}` : ""}${source.subdir ? ` (${source.subdir})` : ""}`;
    case "archive-url":
      return `archive ${source.url}`;
  }
}

function toSlug(name: string): string {
  return name
    .replace(/^@[^/]+\//, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^(posthog-)(?=.)/, "")
    .replace(/(?<=.)-(plugin|app)$/, "")
    .replace(/^-+|-+$/g, "");
}

function defaultSlug(source: InstallSource): string {
  switch (source.kind) {
    case "workspace":
      return source.slug;
    case "dir":
      return toSlug(basename(source.dir));
    case "tgz":
      return toSlug(basename(source.file).replace(/\.(tgz|tar\.gz)$/, "").replace(/-\d+\.\d+\.\d+.*$/, ""));
    case "npm":
      return toSlug(source.name);
    case "github":
      return toSlug(source.subdir ? basename(source.subdir) : source.repo);
    case "gitlab":
      return toSlug(source.subdir ? basename(source.subdir) : basename(source.project));
    case "archive-url":
      return toSlug(basename(new URL(source.url).pathname).replace(/\.(zip|tgz|tar\.gz)$/, "").replace(/-\d+\.\d+\.\d+.*$/, ""));
  }
}

async function download(url: string, what: string, http: typeof fetch, headers: Record<string, string> = {}): Promise<Response> {
  let response: Response;
  try {
    response = await http(url, { headers, signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new Error(`downloading ${what} from ${url} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!response.ok) throw new Error(`downloading ${what} from ${url} answered HTTP ${response.status}${response.status === 404 ? " (check the name, version or ref)" : ""}`);
  return response;
}

async function downloadArchive(url: string, what: string, http: typeof fetch, headers: Record<string, string> = {}): Promise<ArchiveFiles> {
  const bytes = Buffer.from(await (await download(url, what, http, headers)).arrayBuffer());
  try {
    return readArchive(bytes);
  } catch (error) {
    throw new Error(`${url} is not a readable archive: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Drops the single top-level folder archives wrap their files in (`package/`, `<repo>-<ref>/`). */
function stripTopFolder(files: ArchiveFiles): ArchiveFiles {
  if (files.has("plugin.json")) return files;
  const tops = new Set([...files.keys()].map((p) => p.split("/")[0]));
  if (tops.size !== 1 || [...files.keys()].some((p) => !p.includes("/"))) return files;
  return new Map([...files].map(([p, c]) => [p.slice(p.indexOf("/") + 1), c]));
}

function underSubdir(files: ArchiveFiles, subdir: string | undefined): ArchiveFiles {
  if (!subdir) return files;
  const prefix = `${subdir.replace(/^\/+|\/+$/g, "")}/`;
  return new Map([...files].filter(([p]) => p.startsWith(prefix)).map(([p, c]) => [p.slice(prefix.length), c]));
}

function readDirFiles(dir: string): ArchiveFiles {
  const files: ArchiveFiles = new Map();
  const manifestFile = join(dir, "plugin.json");
  if (!existsSync(manifestFile)) return files;
  files.set("plugin.json", readFileSync(manifestFile));
  let main: string | undefined;
  try {
    main = (JSON.parse(readFileSync(manifestFile, "utf8")) as { main?: unknown }).main as string | undefined;
  } catch {
    return files;
  }
  for (const candidate of typeof main === "string" ? [main] : ["index.js", "index.ts"]) {
    const file = join(dir, candidate);
    if (existsSync(file)) {
      files.set(candidate, readFileSync(file));
      break;
    }
  }
  return files;
}

async function collectFiles(source: InstallSource, options: InstallOptions): Promise<ArchiveFiles> {
  const http = options.fetch ?? globalThis.fetch;
  const env = process.env;
  switch (source.kind) {
    case "workspace":
    case "dir":
      return readDirFiles(source.kind === "workspace" ? source.dir : source.dir);
    case "tgz":
      return stripTopFolder(readArchive(readFileSync(source.file)));
    case "npm": {
      const registry = (options.npmRegistry ?? env.CONNECTORS_NPM_REGISTRY ?? "https://registry.npmjs.org").replace(/\/+$/, "");
      const metaUrl = `${registry}/${source.name.replace("/", "%2f")}`;
      const meta = (await (await download(metaUrl, `the npm metadata of ${source.name}`, http)).json()) as { "dist-tags"?: Record<string, string>; versions?: Record<string, { dist?: { tarball?: string } }> };
      const version = source.version ? (meta["dist-tags"]?.[source.version] ?? source.version) : meta["dist-tags"]?.latest;
      const tarball = version ? meta.versions?.[version]?.dist?.tarball : undefined;
      if (!version || !tarball) throw new Error(`${source.name} has no version ${source.version ?? "latest"} on ${registry} (published: ${Object.keys(meta.versions ?? {}).join(", ") || "none"})`);
      return stripTopFolder(await downloadArchive(tarball, `${source.name}@${version}`, http));
    }
    case "github": {
      const base = (options.githubUrl ?? env.CONNECTORS_GITHUB_URL ?? "https://github.com").replace(/\/+$/, "");
      const url = `${base}/${source.owner}/${source.repo}/archive/${source.ref ?? "HEAD"}.${source.archive ?? "zip"}`;
      const headers: Record<string, string> = source.token ? { Authorization: `token ${source.token}` } : {};
      return underSubdir(stripTopFolder(await downloadArchive(url, `${source.owner}/${source.repo}`, http, headers)), source.subdir);
    }
    case "gitlab": {
      const base = (options.gitlabUrl ?? env.CONNECTORS_GITLAB_URL ?? "https://gitlab.com").replace(/\/+$/, "");
      const ref = source.ref ?? "HEAD";
      const url = `${base}/${source.project}/-/archive/${ref}/${basename(source.project)}-${ref}.tar.gz`;
      const headers: Record<string, string> = source.token ? { "PRIVATE-TOKEN": source.token } : {};
      return underSubdir(stripTopFolder(await downloadArchive(url, source.project, http, headers)), source.subdir);
    }
    case "archive-url":
      return stripTopFolder(await downloadArchive(source.url, "the archive", http));
  }
}

function pickEntry(files: ArchiveFiles): { manifest: Record<string, unknown>; main: string } {
  const raw = files.get("plugin.json");
  if (!raw) throw new Error("it has no plugin.json. Fix: point at the folder that holds plugin.json (for a monorepo use /tree/<ref>/<subdir>)");
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`its plugin.json is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const candidates = typeof manifest.main === "string" ? [manifest.main] : ["index.js", "index.ts"];
  const main = candidates.map((c) => c.replace(/^\.\//, "")).find((c) => files.has(c));
  if (!main) throw new Error(`it has no main file (expected ${candidates.join(" or ")} next to plugin.json)`);
  return { manifest, main };
}

/** Evaluates the connector once with inert globals: syntax, imports and exports are checked. */
async function checkLoads(dir: string, slug: string): Promise<void> {
  const source = { ...(await resolveConnectorSource(dir)), slug };
  const loaded = await loadConnector(source);
  const refuse = async () => {
    throw new Error("no network while installing");
  };
  loaded.instantiate({
    require: createHostRequire({ fetch: refuse, clock: systemClock }),
    fetch: refuse,
    posthog: { capture: refuse, api: { get: refuse, post: refuse, put: refuse, delete: refuse } } as never,
    console: { log() {}, info() {}, warn() {}, error() {}, debug() {} } as never,
  });
  void RetryError;
}

/**
 * Installs a connector the way PostHog did: fetches the source (workspace slug, directory, .tgz,
 * npm name@version, GitHub/GitLab repository or archive URL, `/tree/<ref>/<subdir>` included), takes
 * only plugin.json and the main file, checks that plugin.json is valid and the code loads, then moves
 * it into `<into>/<slug>/` in one step. On any failure nothing is left behind.
 *
 * @example
 * const installed = await installConnector("https://github.com/PostHog/currency-normalization-plugin");
 * const connector = await createConnector(installed.dir, { config: {...} });
 * @throws InstallError naming the source and the cause
 */
export async function installConnector(spec: string, options: InstallOptions = {}): Promise<InstalledConnector> {
  const cwd = options.cwd ?? process.cwd();
  const source = parseInstallSource(spec, cwd, {
    githubHosts: ["github.com", "www.github.com", ...hostOf(options.githubUrl ?? process.env.CONNECTORS_GITHUB_URL)],
    gitlabHosts: ["gitlab.com", "www.gitlab.com", ...hostOf(options.gitlabUrl ?? process.env.CONNECTORS_GITLAB_URL)],
  });
  if (!source) {
    throw new InstallError(withoutToken(spec), "it is not a workspace slug, a directory, a .tgz file, an npm name@version, a GitHub/GitLab repository URL or an archive URL. Fix: e.g. `hello-world`, `./my-connector`, `posthog-foo-plugin@1.0.0`, `https://github.com/<owner>/<repo>/tree/<ref>/<subdir>`");
  }
  const label = describe(source);
  const slug = options.name ?? defaultSlug(source);
  if (!SLUG.test(slug)) throw new InstallError(label, `"${slug}" is not a valid slug (lowercase letters, digits and dashes). Fix: pass --name <slug>`);
  const into = resolve(cwd, options.into ?? join(findWorkspaceRoot(cwd) ?? cwd, ".connectors", "installed"));
  const target = join(into, slug);
  if (existsSync(target) && !options.force) throw new InstallError(label, `${target} already exists. Fix: pass --force to replace it, or --name to install under another slug`);

  let files: ArchiveFiles;
  let entry: { manifest: Record<string, unknown>; main: string };
  try {
    files = await collectFiles(source, options);
    entry = pickEntry(files);
  } catch (error) {
    throw new InstallError(label, error instanceof Error ? error.message : String(error), { cause: error });
  }

  mkdirSync(into, { recursive: true });
  const staging = join(into, `.staging-${slug}-${randomBytes(4).toString("hex")}`);
  try {
    const written = ["plugin.json", entry.main, ".install.json"];
    for (const name of ["plugin.json", entry.main]) {
      mkdirSync(dirname(join(staging, name)), { recursive: true });
      writeFileSync(join(staging, name), files.get(name)!);
    }
    writeFileSync(join(staging, ".install.json"), `${JSON.stringify({ source: withoutToken(spec), resolved: { ...source, ...("token" in source ? { token: undefined } : {}) }, slug }, null, 2)}\n`);
    // A third-party connector: the plugin.json quirks PostHog accepted are warnings, not errors.
    const { manifest } = await readManifest(staging, { strictness: "legacy" });
    await checkLoads(staging, slug);
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
    const { token: _token, ...publicSource } = source as InstallSource & { token?: string };
    return { slug, dir: target, source: publicSource as InstallSource, manifest, files: written };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const message = (error instanceof Error ? error.message : String(error)).replace(/^Cannot load [^\n]*?:\n/, `Cannot load ${entry.main}:\n`).split(staging).join(label);
    throw new InstallError(label, message, { cause: error });
  }
}

function hostOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    return [new URL(url).host];
  } catch {
    return [];
  }
}

/** The source string with any `private_token` query value masked (it must not be stored or printed). */
function withoutToken(spec: string): string {
  return spec.replace(/([?&]private_token=)[^&#]*/g, "$1***");
}
