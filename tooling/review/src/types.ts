import type ts from "typescript";
import type { PluginManifest } from "@connectors/plugin-api";

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
}

/** A static rule: pure, reads the context, returns findings. */
export type StaticCheck = (ctx: ConnectorContext) => Finding[];
