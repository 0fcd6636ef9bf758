import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { formatIssues, type Issue, type PluginManifest } from "@connectors/plugin-api";
import { systemClock } from "../clock.ts";
import { createHostRequire } from "../load/host-require.ts";
import { loadConnector } from "../load/load-connector.ts";
import { findWorkspaceRoot, sourceFromSnapshot } from "../load/resolve-source.ts";
import { getConnectorSandbox } from "../sandbox/load-sandboxed.ts";
import { listShippedFiles } from "../supply/list-shipped-files.ts";
import type { PackageSnapshot } from "../supply/package-snapshot.ts";
import { SupplyError } from "../supply/supply-error.ts";
import { parseSupplySource, supplySource, type SupplyOptions } from "../supply/supply-source.ts";
import { defaultSlugFor, describeSource } from "./describe-source.ts";
import { InstallError } from "./install-error.ts";
import type { InstallSource } from "./parse-install-source.ts";
import { promoteStaging, writeStaging } from "./stage-package.ts";

/** Options of {@link installConnector}: where to install, plus how sources are fetched ({@link SupplyOptions}). */
export interface InstallOptions extends SupplyOptions {
  /** Directory that receives `<slug>/` (default `<workspace>/.connectors/installed`). */
  into?: string;
  /** Slug to install as (default: derived from the package or repository name). */
  name?: string;
  /** Replace an existing installation of the same slug. */
  force?: boolean;
}

/** A connector installed on disk: `dir` holds the files its package ships and `.install.json`. */
export interface InstalledConnector {
  slug: string;
  dir: string;
  source: InstallSource;
  manifest: PluginManifest;
  /** Files written, relative to `dir`: what `npm pack` would ship (plugin.json, main, lib/, ...), then `.install.json`. */
  files: string[];
  /**
   * What plugin.json got away with: for a third-party connector, the quirks PostHog accepted (a
   * placeholder `url`, a secret field with a default, an unknown field type, ...) downgraded to
   * warnings; unknown fields and the like for any connector. Never echoes a config default.
   */
  warnings: Issue[];
}

/** Where installed connectors live by default: `<workspace>/.connectors/installed`. */
export function defaultInstallDir(cwd: string = process.cwd()): string {
  return join(findWorkspaceRoot(cwd) ?? cwd, ".connectors", "installed");
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const INERT = async () => {
  throw new Error("no network while installing");
};

/** Evaluates the connector once in the sandbox with inert globals: syntax, imports, top-level code and exports are checked without the host realm. */
async function checkLoadsInSandbox(snapshot: PackageSnapshot, slug: string): Promise<void> {
  const loaded = await loadConnector(sourceFromSnapshot(snapshot, slug), { mode: "sandbox", sandbox: { cpuTimeoutMs: 5000 } });
  const { plugin } = loaded.instantiate({
    require: createHostRequire({ fetch: INERT, clock: systemClock }),
    fetch: INERT,
    posthog: { capture: INERT, api: { get: INERT, post: INERT, put: INERT, delete: INERT } } as never,
    console: { log() {}, info() {}, warn() {}, error() {}, debug() {} } as never,
  });
  getConnectorSandbox(plugin)?.dispose();
}

function publicSource(source: InstallSource): InstallSource {
  const { token: _token, ...rest } = source as InstallSource & { token?: string };
  return rest as InstallSource;
}

function withoutToken(spec: string): string {
  return spec.replace(/([?&]private_token=)[^&#]*/g, "$1***");
}

function detail(error: unknown): string {
  if (error instanceof SupplyError) return `it was refused:\n${formatIssues(error.issues)}`;
  if (error instanceof InstallError) return error.reason;
  return error instanceof Error ? error.message : String(error);
}

function installRecord(spec: string, source: InstallSource, slug: string, snapshot: PackageSnapshot, files: string[]): Buffer {
  return Buffer.from(`${JSON.stringify({ source: withoutToken(spec), resolved: publicSource(source), slug, hash: snapshot.hash, files }, null, 2)}\n`);
}

/**
 * Installs a connector: supplies the source into a validated in-memory snapshot (workspace slug,
 * directory, .tgz, npm name@version, GitHub/GitLab URL, archive URL; downloads and archives capped),
 * checks that its code loads, in the sandbox, before anything is written, then writes the files its
 * package would ship (`npm pack`'s list, see {@link listShippedFiles}) into a staging folder inside
 * the install folder and renames it to `<into>/<slug>/` in one step. On any failure nothing is left
 * behind and nothing outside the staging folder is written. A third-party plugin.json is judged as
 * PostHog judged it: the quirks it accepted install, each reported in `warnings`.
 *
 * @example
 * const installed = await installConnector("https://github.com/PostHog/currency-normalization-plugin");
 * const connector = await createConnector(installed.dir, { config: {...} });
 * @throws InstallError naming the source and the cause (its `cause` is the SupplyError, ManifestError, ... behind it)
 */
export async function installConnector(spec: string, options: InstallOptions = {}): Promise<InstalledConnector> {
  const cwd = options.cwd ?? process.cwd();
  const source = parseSupplySource(spec, options);
  if (!source) {
    throw new InstallError(withoutToken(spec), "it is not a workspace slug, a directory, a .tgz file, an npm name@version, a GitHub/GitLab repository URL or an archive URL. Fix: e.g. `hello-world`, `./my-connector`, `posthog-foo-plugin@1.0.0`, `https://github.com/<owner>/<repo>/tree/<ref>/<subdir>`");
  }
  const label = describeSource(source);
  const slug = options.name ?? defaultSlugFor(source);
  if (!SLUG.test(slug)) throw new InstallError(label, `"${slug}" is not a valid slug (lowercase letters, digits and dashes). Fix: pass --name <slug>`);
  const into = resolve(cwd, options.into ?? defaultInstallDir(cwd));
  const target = join(into, slug);
  if (existsSync(target) && !options.force) throw new InstallError(label, `${target} already exists. Fix: pass --force to replace it, or --name to install under another slug`);

  let snapshot: PackageSnapshot;
  let shipped: string[];
  try {
    snapshot = await supplySource(source, { ...options, cwd });
    shipped = listShippedFiles(snapshot);
    await checkLoadsInSandbox(snapshot, slug);
  } catch (error) {
    throw new InstallError(label, detail(error), { cause: error });
  }
  const files = new Map(shipped.map((path) => [path, snapshot.files.get(path)!]));
  files.set(".install.json", installRecord(spec, source, slug, snapshot, shipped));
  let staging: string | undefined;
  try {
    staging = writeStaging(into, slug, files);
    promoteStaging(staging, target);
  } catch (error) {
    if (staging) rmSync(staging, { recursive: true, force: true });
    throw new InstallError(label, detail(error), { cause: error });
  }
  return { slug, dir: target, source: publicSource(source), manifest: snapshot.manifest, files: [...shipped, ".install.json"], warnings: snapshot.warnings };
}
