import { createHash } from "node:crypto";
import { join } from "node:path";
import { LEGACY_NOTE, ManifestError, errorIssue, parseJsonFile, validateManifest, warningIssue, type Issue, type ManifestStrictness, type PluginManifest } from "@connectors/plugin-api";
import { PluginLoadError } from "../errors.ts";
import { toPackagePath } from "./package-path.ts";

/**
 * One connector package as validated, in-memory files: what the bundler, the registry build, review
 * and install read instead of the disk. Every path in `files` is a canonical package path
 * (`lib/x.ts`); nothing outside the package can be named through it.
 */
export interface PackageSnapshot {
  /** Where it came from, for messages: a directory path, "tarball x.tgz", "GitHub owner/repo", ... */
  label: string;
  /** The directory it was read from (directory sources only). */
  dir?: string;
  /** A workspace package of the harness's own checkout: bundled with its declared dependencies and may run in-process. */
  trusted: boolean;
  /** Prefix of paths in source maps and error locations: `plugins/<slug>/` in the workspace, "" otherwise. */
  displayRoot: string;
  /** Package path -> contents. */
  files: ReadonlyMap<string, Buffer>;
  manifest: PluginManifest;
  /** plugin.json as named in messages (its path on disk for directory sources). */
  manifestFile: string;
  /** Manifest warnings (unknown fields, an icon that is not in the package, PostHog quirks, ...). */
  warnings: Issue[];
  /** How plugin.json was judged: `official` for the workspace's catalog, `legacy` (PostHog's leniency) for everything else. */
  strictness: ManifestStrictness;
  /** The entry file's package path (plugin.json `main`, else index.js, else index.ts). */
  main: string;
  /** package.json, when the package has one that parses. */
  packageJson?: Record<string, unknown>;
  /** sha256 over every path and its contents (sorted): equal hashes, equal packages. */
  hash: string;
}

/** Where the files of a snapshot came from. */
export interface SnapshotOrigin {
  label: string;
  dir?: string;
  trusted?: boolean;
  displayRoot?: string;
  /** Default `legacy`: only the workspace's own catalog is held to the official rules. */
  strictness?: ManifestStrictness;
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:/i;

function hashFiles(files: ReadonlyMap<string, Buffer>): string {
  const hash = createHash("sha256");
  for (const path of [...files.keys()].sort()) {
    const bytes = files.get(path)!;
    hash.update(`${path}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest("hex");
}

function readManifestText(files: ReadonlyMap<string, Buffer>, manifestFile: string, strictness: ManifestStrictness): { manifest: PluginManifest; warnings: Issue[] } {
  const raw = files.get("plugin.json");
  if (!raw) throw new ManifestError(manifestFile, [errorIssue("", "cannot be read (no plugin.json in this directory)", 'create a plugin.json with at least a "name"')]);
  const result = validateManifest(parseJsonFile(raw.toString("utf8"), manifestFile), { strictness });
  if (!result.ok) throw new ManifestError(manifestFile, result.issues);
  return { manifest: result.value, warnings: result.issues };
}

/** Issues for manifest paths that leave the package (`main`, `icon`), and the icon warning. */
function checkManifestPaths(manifest: PluginManifest, files: ReadonlyMap<string, Buffer>): Issue[] {
  const issues: Issue[] = [];
  if (manifest.main !== undefined && !toPackagePath(manifest.main)) {
    issues.push(errorIssue("/main", `"${manifest.main}" is not a path inside the package`, 'use a path relative to plugin.json without "..", such as "index.ts"'));
  }
  if (manifest.icon !== undefined && !URL_LIKE.test(manifest.icon)) {
    const icon = toPackagePath(manifest.icon);
    if (!icon) issues.push(errorIssue("/icon", `"${manifest.icon}" is not a path inside the package`, 'use an https:// URL or a path relative to plugin.json without "..", such as "logo.png"'));
    else if (!files.has(icon)) issues.push(warningIssue("/icon", `"${manifest.icon}" is not a file in the package, so no icon is shown`, "add the file or remove icon"));
  }
  return issues;
}

/**
 * A legacy `"main": "index.js"` that is the build output of a TypeScript source the package ships
 * (`tsc` wrote index.js next to index.ts; PostHog installed the built archive): the .ts source.
 */
function builtFromTypeScript(main: string, files: ReadonlyMap<string, Buffer>): string | undefined {
  const source = main.replace(/\.js$/, ".ts");
  return source !== main && files.has(source) ? source : undefined;
}

function findMain(manifest: PluginManifest, files: ReadonlyMap<string, Buffer>, origin: SnapshotOrigin, manifestFile: string, strictness: ManifestStrictness, warnings: Issue[]): string {
  const candidates = manifest.main ? [toPackagePath(manifest.main)!] : ["index.js", "index.ts"];
  const found = candidates.find((file) => files.has(file));
  if (found) return found;
  const source = manifest.main && strictness === "legacy" ? builtFromTypeScript(candidates[0]!, files) : undefined;
  if (source) {
    warnings.push(warningIssue("/main", `"${manifest.main}" is not in the package (it is the build output of ${source}); running ${source} (${LEGACY_NOTE})`, `set "main": "${source}"`));
    return source;
  }
  const expected = manifest.main ? `"main": "${manifest.main}" in ${manifestFile}` : "index.js or index.ts";
  throw new PluginLoadError(`Connector in ${origin.dir ?? origin.label} has no entry file: expected ${expected}. Fix: create it, or point "main" at the file that exports the hooks.`);
}

function parsePackageJson(files: ReadonlyMap<string, Buffer>): Record<string, unknown> | undefined {
  const raw = files.get("package.json");
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(raw.toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Validates a package's files (already read and capped) into a snapshot: plugin.json parsed and
 * validated from memory, `main` and `icon` confined to the package, the entry file present.
 *
 * @throws ManifestError for a missing or invalid plugin.json, or a `main`/`icon` outside the package
 * @throws PluginLoadError when the entry file is not in the package
 */
export function createPackageSnapshot(files: ReadonlyMap<string, Buffer>, origin: SnapshotOrigin): PackageSnapshot {
  const manifestFile = origin.dir ? join(origin.dir, "plugin.json") : `${origin.label}: plugin.json`;
  const strictness = origin.strictness ?? "legacy";
  const { manifest, warnings: schemaWarnings } = readManifestText(files, manifestFile, strictness);
  const pathIssues = checkManifestPaths(manifest, files);
  if (pathIssues.some((issue) => issue.severity === "error")) throw new ManifestError(manifestFile, pathIssues);
  const mainWarnings: Issue[] = [];
  const main = findMain(manifest, files, origin, manifestFile, strictness, mainWarnings);
  const packageJson = parsePackageJson(files);
  return {
    label: origin.label,
    ...(origin.dir ? { dir: origin.dir } : {}),
    trusted: origin.trusted ?? false,
    displayRoot: origin.displayRoot ?? "",
    files,
    manifest,
    manifestFile,
    warnings: [...schemaWarnings, ...pathIssues, ...mainWarnings],
    strictness,
    main,
    ...(packageJson ? { packageJson } : {}),
    hash: hashFiles(files),
  };
}
