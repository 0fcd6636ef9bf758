import type ts from "typescript";
import type { PluginManifest } from "@connectors/plugin-api";
import type { Capabilities } from "./analysis/capabilities.ts";

/** How bad a finding is: `error` blocks the PR, `warning` needs a look, `info` is for the reviewer's notes. */
export type FindingSeverity = "error" | "warning" | "info";

/** The report sections, in the order the summary table shows them. */
export const CATEGORIES = ["manifest", "package", "tests", "security", "performance", "best-practices"] as const;

/** One report section. */
export type FindingCategory = (typeof CATEGORIES)[number];

/** One thing a check found: where (repo-relative file, 1-based line), what, and how to fix it. */
export interface Finding {
  rule: string;
  severity: FindingSeverity;
  category: FindingCategory;
  file: string;
  line?: number;
  message: string;
  fix: string;
}

/** A source file of the connector parsed with the TypeScript compiler API (never executed). */
export interface ParsedSource {
  /** Repo-relative path. */
  file: string;
  text: string;
  ast: ts.SourceFile;
  /** Syntax errors; a file with errors is still walked, but findings may be incomplete. */
  syntaxErrors: { line: number; message: string }[];
  /** A test file (`*.test.ts`, `__tests__/`): excluded from the runtime security rules. */
  isTest: boolean;
}

/** A file of the connector as read from disk. */
export interface ConnectorFile {
  /** Repo-relative path. */
  file: string;
  size: number;
  binary: boolean;
  /** A binary file whose first bytes are an image format (PNG, JPEG, GIF, WebP, ICO): an icon or a screenshot, not code. */
  image?: boolean;
  /** Too large to read: text is empty. */
  tooLarge: boolean;
  text: string;
}

/** A line the PR adds (from `git diff`), used to find secrets in any file type. */
export interface AddedLine {
  file: string;
  line: number;
  text: string;
}

/** What the published (base ref) version of the connector looked like. */
export interface BaseSnapshot {
  manifest?: PluginManifest;
  packageJson?: Record<string, unknown>;
  /** Its capabilities (hosts, secrets, host fields, scheduled tasks, jobs), for the capability diff. */
  capabilities?: Capabilities;
  /** Where it was read from, for messages (`main`, `the published catalog`, ...). */
  label?: string;
}

/** A file the supply step would not read: a symlink leaving the package, a device file, a file over a cap. */
export interface RefusedFile {
  /** Repo-relative (or source-relative) path. */
  file: string;
  message: string;
  fix: string;
}

/** Everything a static check may read about one connector. Checks never touch the disk or git. */
export interface ConnectorContext {
  slug: string;
  /** Repo-relative directory, `plugins/<slug>`. */
  dir: string;
  status: "added" | "modified" | "deleted" | "unchanged";
  files: ConnectorFile[];
  sources: ParsedSource[];
  manifestText?: string;
  /** Parsed plugin.json (even when invalid); undefined when missing or not JSON. */
  manifestRaw?: unknown;
  /** The validated manifest, when valid. */
  manifest?: PluginManifest;
  packageJson?: Record<string, unknown>;
  base?: BaseSnapshot;
  /** Repo-relative files of this connector the PR changed. */
  changedFiles: string[];
  addedLines: AddedLine[];
  /** Changesets in the PR that name this connector's package, with their bump type. */
  changesets: { file: string; bump: "major" | "minor" | "patch" }[];
  /** Installed manifests of dependencies (`node_modules/<dep>/package.json`), read as JSON only. */
  installedDependencies: Record<string, Record<string, unknown> | undefined>;
  /** Files the supply step refused to read (each one is an error: the package cannot be bundled). */
  refusedFiles: RefusedFile[];
  /** Names of the repository's workspace packages: a connector takes them as `workspace:*`, never from a registry. */
  workspacePackages: readonly string[];
  /** Capability-change fingerprints a maintainer acknowledged (PR comment, or `--acknowledge-capabilities`). */
  acknowledgedCapabilities: readonly string[];
  /** Where the connector was read from: this repository, or an outside submission (a directory, archive, npm or git source). */
  origin: "repository" | "external";
}

/** A static rule: pure, reads the context, returns findings. */
export type StaticCheck = (ctx: ConnectorContext) => Finding[];
