import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AddedLine, ConnectorContext } from "../types.ts";
import { asRecord, createConnectorContext, parseJson } from "./create-connector-context.ts";
import { listWorkspacePackages } from "./list-workspace-packages.ts";
import { readBaseSnapshot } from "./read-base-snapshot.ts";
import { readPackageFiles } from "./read-package-files.ts";

/** Installed manifests of a package's dependencies (JSON only), to see their install scripts. */
export async function readInstalled(root: string, dir: string, packageJson: Record<string, unknown> | undefined) {
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
  /** Capability-change fingerprints a maintainer acknowledged. */
  acknowledgedCapabilities?: readonly string[];
}

/**
 * Reads one connector of this repository for review: its own regular files only (links leaving the
 * package are refused and reported, never followed), sources parsed, plugin.json and package.json,
 * and the published version at the base ref with its capabilities. Never executes anything and never
 * throws for bad content.
 */
export async function loadConnectorContext(input: ConnectorLoadInput): Promise<ConnectorContext> {
  const dir = `plugins/${input.slug}`;
  const exists = existsSync(join(input.root, dir));
  const { files, refused } = exists ? readPackageFiles(join(input.root, dir), dir) : { files: new Map<string, Buffer>(), refused: [] };
  const packageJson = asRecord(parseJson(files.get("package.json")?.toString("utf8")));
  return createConnectorContext(files, {
    slug: input.slug,
    dir,
    status: exists ? input.status : "deleted",
    base: await readBaseSnapshot(input.root, input.baseSha, dir, "the base ref", input.status === "modified"),
    changedFiles: input.changedFiles,
    addedLines: input.addedLines,
    changesets: input.changesets,
    installedDependencies: await readInstalled(input.root, dir, packageJson),
    refusedFiles: refused,
    workspacePackages: listWorkspacePackages(input.root),
    acknowledgedCapabilities: input.acknowledgedCapabilities ?? [],
    origin: "repository",
  });
}
