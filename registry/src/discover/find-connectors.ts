import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { ConnectorFailure } from "../errors.ts";

/** A connector package found under plugins/: where it is and what package.json says. */
export interface ConnectorPackage {
  slug: string;
  dir: string;
  packageName: string;
  version: string;
}

/** Every connector package found, and the ones that cannot be published as they are. */
export interface FoundConnectors {
  connectors: ConnectorPackage[];
  failures: ConnectorFailure[];
}

const PACKAGE_NAME = /^posthog-([a-z0-9][a-z0-9-]*)-plugin$/;

async function readPackage(dir: string, label: string): Promise<ConnectorPackage | ConnectorFailure> {
  let pkg: { name?: unknown; version?: unknown };
  try {
    pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as typeof pkg;
  } catch (error) {
    return { connector: label, message: `package.json cannot be read (${(error as Error).message}). Fix: give the connector a package.json with "name": "posthog-<slug>-plugin" and a "version".` };
  }
  const match = typeof pkg.name === "string" ? PACKAGE_NAME.exec(pkg.name) : null;
  if (!match) return { connector: label, message: `package.json name ${JSON.stringify(pkg.name)} is not "posthog-<slug>-plugin". Fix: rename the package.` };
  if (typeof pkg.version !== "string" || !/^\d+\.\d+\.\d+/.test(pkg.version)) {
    return { connector: label, message: `package.json version ${JSON.stringify(pkg.version)} is not semver. Fix: set "version" (changesets bumps it).` };
  }
  return { slug: match[1]!, dir, packageName: pkg.name as string, version: pkg.version };
}

/**
 * Lists the connector packages in `pluginsDir` (every directory holding a package.json), sorted by
 * slug. The slug comes from the package name `posthog-<slug>-plugin` and must equal the directory
 * name; two packages claiming one slug are both reported.
 */
export async function findConnectors(pluginsDir: string, root: string): Promise<FoundConnectors> {
  const entries = existsSync(pluginsDir) ? await readdir(pluginsDir, { withFileTypes: true }) : [];
  const dirs = entries.filter((e) => e.isDirectory() && existsSync(join(pluginsDir, e.name, "package.json"))).map((e) => e.name).sort();
  const found = await Promise.all(dirs.map((name) => readPackage(join(pluginsDir, name), relative(root, join(pluginsDir, name)) || name)));
  const failures = found.filter((f): f is ConnectorFailure => "message" in f);
  const connectors = found.filter((f): f is ConnectorPackage => "slug" in f);
  const bySlug = new Map<string, ConnectorPackage[]>();
  for (const c of connectors) bySlug.set(c.slug, [...(bySlug.get(c.slug) ?? []), c]);
  for (const [slug, claims] of bySlug) {
    if (claims.length > 1) {
      const where = claims.map((c) => relative(root, c.dir)).join(" and ");
      failures.push({ connector: slug, message: `two connectors claim slug "${slug}": ${where}. Fix: give each package a unique name posthog-<slug>-plugin matching its directory.` });
    }
  }
  for (const c of connectors) {
    const dirName = c.dir.split(/[\\/]/).at(-1);
    if (dirName !== c.slug) failures.push({ connector: relative(root, c.dir), message: `package ${c.packageName} has slug "${c.slug}" but lives in plugins/${dirName}. Fix: move it to plugins/${c.slug} or rename the package to posthog-${dirName}-plugin.` });
  }
  return { connectors: connectors.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)), failures };
}
