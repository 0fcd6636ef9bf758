import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { validateManifest, type PluginManifest } from "@connectors/plugin-api";
import { parseSource } from "../ast/parse-source.ts";
import type { AddedLine, BaseSnapshot, ConnectorContext, ConnectorFile, ParsedSource } from "../types.ts";
import { showFileAt } from "./git.ts";

/** Files above this size are listed but not read or parsed. */
export const MAX_FILE_BYTES = 512 * 1024;
const SKIP_DIRS = new Set(["node_modules", "dist", "coverage", ".turbo", ".git"]);
const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;

async function listFiles(root: string, dir: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (at: string) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) await visit(join(at, entry.name));
      } else if (entry.isFile() && entry.name !== ".vitest-report.json") {
        out.push(relative(root, join(at, entry.name)).split(sep).join("/"));
      }
    }
  };
  await visit(join(root, dir));
  return out.sort();
}

async function readConnectorFile(root: string, file: string): Promise<ConnectorFile> {
  const { size } = await stat(join(root, file));
  if (size > MAX_FILE_BYTES) return { file, size, binary: false, tooLarge: true, text: "" };
  const buffer = await readFile(join(root, file));
  const binary = buffer.subarray(0, 8000).includes(0);
  return { file, size, binary, tooLarge: false, text: binary ? "" : buffer.toString("utf8") };
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function toManifest(raw: unknown): PluginManifest | undefined {
  if (raw === undefined) return undefined;
  const result = validateManifest(raw);
  return result.ok ? result.value : undefined;
}

async function readBase(root: string, baseSha: string | undefined, dir: string): Promise<BaseSnapshot | undefined> {
  if (!baseSha) return undefined;
  const manifestText = await showFileAt(root, baseSha, `${dir}/plugin.json`);
  const packageText = await showFileAt(root, baseSha, `${dir}/package.json`);
  if (manifestText === undefined && packageText === undefined) return undefined;
  return { manifest: toManifest(parseJson(manifestText)), packageJson: asRecord(parseJson(packageText)) };
}

async function readInstalled(root: string, dir: string, packageJson: Record<string, unknown> | undefined) {
  const names = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"].flatMap((field) => Object.keys(asRecord(packageJson?.[field]) ?? {}));
  const installed: Record<string, Record<string, unknown> | undefined> = {};
  for (const name of names) {
    for (const at of [join(root, dir, "node_modules", name, "package.json"), join(root, "node_modules", name, "package.json")]) {
      if (!existsSync(at)) continue;
      installed[name] = asRecord(parseJson(await readFile(at, "utf8").catch(() => undefined)));
      break;
    }
  }
  return installed;
}

/** What the loader needs to know about the PR around one connector. */
export interface ConnectorLoadInput {
  root: string;
  slug: string;
  status: ConnectorContext["status"];
  baseSha?: string;
  changedFiles: string[];
  addedLines: AddedLine[];
  changesets: ConnectorContext["changesets"];
}

/**
 * Reads one connector for review: every file (binary and oversized files flagged, not read), the
 * sources parsed to ASTs, plugin.json and package.json, and their published versions at the base
 * ref. Never executes anything and never throws for bad content.
 */
export async function loadConnectorContext(input: ConnectorLoadInput): Promise<ConnectorContext> {
  const dir = `plugins/${input.slug}`;
  const exists = existsSync(join(input.root, dir));
  const files = exists ? await Promise.all((await listFiles(input.root, dir)).map((file) => readConnectorFile(input.root, file))) : [];
  const sources: ParsedSource[] = files.filter((file) => SOURCE.test(file.file) && !file.binary && !file.tooLarge).map((file) => parseSource(file.file, file.text));
  const manifestFile = files.find((file) => file.file === `${dir}/plugin.json`);
  const manifestText = manifestFile && !manifestFile.binary && !manifestFile.tooLarge ? manifestFile.text : undefined;
  const manifestRaw = parseJson(manifestText);
  const packageFile = files.find((file) => file.file === `${dir}/package.json`);
  const packageJson = asRecord(parseJson(packageFile?.text));
  return {
    slug: input.slug,
    dir,
    status: exists ? input.status : "deleted",
    files,
    sources,
    manifestText,
    manifestRaw,
    manifest: toManifest(manifestRaw),
    packageJson,
    base: await readBase(input.root, input.baseSha, dir),
    changedFiles: input.changedFiles,
    addedLines: input.addedLines,
    changesets: input.changesets,
    installedDependencies: await readInstalled(input.root, dir, packageJson),
  };
}
