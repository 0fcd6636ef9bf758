import { basename } from "node:path";
import { errorIssue } from "@connectors/plugin-api";
import { describeSource } from "../install/describe-source.ts";
import { InstallError } from "../install/install-error.ts";
import { parseInstallSource, type InstallSource } from "../install/parse-install-source.ts";
import { selectPackageFiles } from "./archive/select-package-files.ts";
import { unpackArchive } from "./archive/unpack-archive.ts";
import { downloadBytes } from "./download-bytes.ts";
import { createPackageSnapshot, type PackageSnapshot } from "./package-snapshot.ts";
import { readPackageSnapshot } from "./read-package-snapshot.ts";
import { readRegularFile } from "./read-regular-file.ts";
import { SupplyError } from "./supply-error.ts";
import { resolveSupplyLimits, type SupplyLimits } from "./supply-limits.ts";

/** Options of {@link supplySource}. Base URLs default to the env vars, then the public hosts. */
export interface SupplyOptions {
  cwd?: string;
  /** npm registry (env CONNECTORS_NPM_REGISTRY, default https://registry.npmjs.org). */
  npmRegistry?: string;
  /** Where GitHub archives are fetched: `<base>/<owner>/<repo>/archive/<ref>.zip` (env CONNECTORS_GITHUB_URL, default https://github.com). */
  githubUrl?: string;
  /** Where GitLab archives are fetched: `<base>/<project>/-/archive/<ref>/<name>-<ref>.tar.gz` (env CONNECTORS_GITLAB_URL, default https://gitlab.com). */
  gitlabUrl?: string;
  /** HTTP client (default the global fetch). */
  fetch?: typeof fetch;
  /** Caps (defaults in SECURITY.md, overridable by environment variables). */
  limits?: Partial<SupplyLimits>;
  /** Trust a directory outside the workspace (its declared dependencies are bundled from disk). */
  trust?: boolean;
}

interface Supplier {
  source: InstallSource;
  label: string;
  limits: SupplyLimits;
  http: typeof fetch;
  options: SupplyOptions;
}

function hostOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    return [new URL(url).host];
  } catch {
    return [];
  }
}

function baseUrl(option: string | undefined, env: string | undefined, fallback: string): string {
  return (option ?? env ?? fallback).replace(/\/+$/, "");
}

/** Recognises a source spec with the configured GitHub/GitLab hosts; undefined when it is none. */
export function parseSupplySource(spec: string, options: SupplyOptions = {}): InstallSource | undefined {
  return parseInstallSource(spec, options.cwd ?? process.cwd(), {
    githubHosts: ["github.com", "www.github.com", ...hostOf(options.githubUrl ?? process.env.CONNECTORS_GITHUB_URL)],
    gitlabHosts: ["gitlab.com", "www.gitlab.com", ...hostOf(options.gitlabUrl ?? process.env.CONNECTORS_GITLAB_URL)],
  });
}

async function fromArchive(supplier: Supplier, bytes: Buffer, subdir?: string): Promise<PackageSnapshot> {
  const unpacked = await unpackArchive(bytes, supplier.label, supplier.limits);
  const files = selectPackageFiles(unpacked, supplier.label, supplier.limits, subdir);
  if (!files.has("plugin.json")) throw new SupplyError(supplier.label, [errorIssue("plugin.json", "is not in the archive", `point at the folder that holds plugin.json${supplier.source.kind === "github" || supplier.source.kind === "gitlab" ? " (for a monorepo use /tree/<ref>/<subdir>)" : ""}`)]);
  return createPackageSnapshot(files, { label: supplier.label, strictness: "legacy" });
}

async function download(supplier: Supplier, url: string, what: string, headers: Record<string, string> = {}): Promise<Buffer> {
  return downloadBytes({ url, what, headers, maxBytes: supplier.limits.maxDownloadBytes, fetch: supplier.http }, supplier.label);
}

async function npmTarballUrl(supplier: Supplier, name: string, version: string | undefined): Promise<{ url: string; version: string }> {
  const registry = baseUrl(supplier.options.npmRegistry, process.env.CONNECTORS_NPM_REGISTRY, "https://registry.npmjs.org");
  const body = await download(supplier, `${registry}/${name.replace("/", "%2f")}`, `the npm metadata of ${name}`, { accept: "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8" });
  let meta: { "dist-tags"?: Record<string, string>; versions?: Record<string, { dist?: { tarball?: string } }> };
  try {
    meta = JSON.parse(body.toString("utf8")) as typeof meta;
  } catch {
    throw new Error(`${registry} answered something that is not npm metadata for ${name}`);
  }
  const resolved = version ? (meta["dist-tags"]?.[version] ?? version) : meta["dist-tags"]?.latest;
  const tarball = resolved ? meta.versions?.[resolved]?.dist?.tarball : undefined;
  if (!resolved || !tarball) throw new Error(`${name} has no version ${version ?? "latest"} on ${registry} (published: ${Object.keys(meta.versions ?? {}).join(", ") || "none"})`);
  return { url: tarball, version: resolved };
}

async function supplyRemote(supplier: Supplier): Promise<PackageSnapshot> {
  const { source } = supplier;
  switch (source.kind) {
    case "tgz": {
      const read = readRegularFile(source.file, supplier.limits.maxDownloadBytes);
      if (!read.ok) throw new SupplyError(supplier.label, [errorIssue(basename(source.file), read.reason === "too-large" ? `is ${read.size} bytes, over the ${supplier.limits.maxDownloadBytes}-byte download limit` : "is not a regular file that can be read", "point at an npm pack tarball")]);
      return fromArchive(supplier, read.bytes);
    }
    case "npm": {
      const { url, version } = await npmTarballUrl(supplier, source.name, source.version);
      return fromArchive(supplier, await download(supplier, url, `${source.name}@${version}`));
    }
    case "github": {
      const base = baseUrl(supplier.options.githubUrl, process.env.CONNECTORS_GITHUB_URL, "https://github.com");
      const headers: Record<string, string> = source.token ? { Authorization: `token ${source.token}` } : {};
      const url = `${base}/${source.owner}/${source.repo}/archive/${source.ref ?? "HEAD"}.${source.archive ?? "zip"}`;
      return fromArchive(supplier, await download(supplier, url, `${source.owner}/${source.repo}`, headers), source.subdir);
    }
    case "gitlab": {
      const base = baseUrl(supplier.options.gitlabUrl, process.env.CONNECTORS_GITLAB_URL, "https://gitlab.com");
      const ref = source.ref ?? "HEAD";
      const headers: Record<string, string> = source.token ? { "PRIVATE-TOKEN": source.token } : {};
      return fromArchive(supplier, await download(supplier, `${base}/${source.project}/-/archive/${ref}/${basename(source.project)}-${ref}.tar.gz`, source.project, headers), source.subdir);
    }
    case "archive-url":
      return fromArchive(supplier, await download(supplier, source.url, "the archive"));
    default:
      throw new Error(`${supplier.label} is not a remote source`);
  }
}

/**
 * The supply step for any source: a workspace slug or a directory (read with
 * {@link readPackageSnapshot}), a .tgz, an npm `name@version`, a GitHub/GitLab repository URL
 * (`/tree/<ref>/<subdir>` included) or an archive URL (downloaded with a size cap and unpacked in
 * memory under the entry-count and unpacked-size caps). Writes nothing and evaluates nothing: the
 * result is a validated in-memory snapshot that install, `run` and review build on.
 *
 * @example
 * const snapshot = await supplySource("posthog-currency-normalization-plugin@0.0.3");
 * snapshot.files.get("plugin.json")
 * @throws InstallError for a source that is not recognised or cannot be fetched
 * @throws SupplyError for a refused file or archive entry, or a cap exceeded
 * @throws ManifestError / PluginLoadError for a bad plugin.json or a missing entry file
 */
export async function supplySource(spec: string | InstallSource, options: SupplyOptions = {}): Promise<PackageSnapshot> {
  const source = typeof spec === "string" ? parseSupplySource(spec, options) : spec;
  if (!source) throw new InstallError(String(spec).replace(/([?&]private_token=)[^&#]*/g, "$1***"), "it is not a workspace slug, a directory, a .tgz file, an npm name@version, a GitHub/GitLab repository URL or an archive URL. Fix: e.g. `hello-world`, `./my-connector`, `posthog-foo-plugin@1.0.0`, `https://github.com/<owner>/<repo>/tree/<ref>/<subdir>`");
  const label = describeSource(source);
  const limits = resolveSupplyLimits(options.limits);
  if (source.kind === "workspace" || source.kind === "dir") return readPackageSnapshot(source.dir, { limits, label, ...(options.trust ? { trust: true } : {}) });
  try {
    return await supplyRemote({ source, label, limits, http: options.fetch ?? globalThis.fetch, options });
  } catch (error) {
    if (error instanceof SupplyError || (error as { code?: string }).code === "MANIFEST_INVALID" || (error as { code?: string }).code === "PLUGIN_LOAD") throw error;
    throw new InstallError(label, error instanceof Error ? error.message : String(error), { cause: error });
  }
}
