import { readPackageSnapshot } from "@connectors/harness";
import { computeIntegrity, type CatalogEntry } from "@connectors/registry-client";
import type { ApprovedConnector } from "../discover/select-approved.ts";
import { buildEntry } from "./build-entry.ts";
import { bundleForCatalog } from "./bundle-for-catalog.ts";
import { cachedBundleForCatalog } from "./bundle-cache.ts";
import { connectorTypeOf } from "./derive-capabilities.ts";
import { packageIcon } from "./publish-icon.ts";

/** What every connector of one build shares. */
export interface BuildContext {
  /** Turns a dist/-relative path into the URL published in the catalog. */
  resolve: (path: string) => string;
  /** Where bundles of unchanged connectors are reused from (none: always bundle). */
  cacheDir?: string;
  /** The commit the catalog is built from (pins source links). */
  commit?: string;
}

/** One connector version ready to publish: its entry and the files it adds to dist/. */
export interface BuiltConnector {
  entry: CatalogEntry;
  /** plugin.json `url`, PostHog's link for the connector. */
  homepage?: string;
  files: Map<string, Buffer>;
}

/** Copies a file of the package snapshot into dist/ under `path`; returns its public URL. */
function addAsset(files: Map<string, Buffer>, contents: Buffer, path: string, resolve: (p: string) => string): string {
  files.set(path, contents);
  return resolve(path);
}

/**
 * Validates plugin.json, bundles the connector, derives its capabilities and type, and builds its
 * catalog entry with the bundle's size and sha256 integrity.
 *
 * Files it publishes (icon, CHANGELOG.md) come from the package snapshot only.
 *
 * @throws ManifestError (including a bad `icon`), PluginLoadError, or Error (no hooks of a known kind); the build names the connector
 */
export async function buildConnector(connector: ApprovedConnector, context: BuildContext): Promise<BuiltConnector> {
  const { resolve, cacheDir } = context;
  const snapshot = await readPackageSnapshot(connector.dir);
  const iconFile = packageIcon(snapshot);
  const { manifest } = snapshot;
  const { code, capabilities } = cacheDir ? await cachedBundleForCatalog(connector.dir, connector.slug, cacheDir) : await bundleForCatalog(connector.dir);
  const type = connectorTypeOf(capabilities);
  if (!type) throw new Error(`exports neither an event hook, a scheduled task nor a job (${capabilities.methods.join(", ") || "nothing"}). Fix: export processEvent, onEvent, composeWebhook, runEvery* or jobs.`);
  const files = new Map<string, Buffer>();
  const bytes = Buffer.from(code, "utf8");
  const path = `bundles/${connector.slug}-${connector.version}.js`;
  files.set(path, bytes);
  const bundle = { url: resolve(path), path, integrity: computeIntegrity(bytes), size: bytes.byteLength };
  const icon = iconFile ? addAsset(files, iconFile.bytes, `icons/${connector.slug}-${connector.version}${iconFile.extension}`, resolve) : undefined;
  const changelog = snapshot.files.get("CHANGELOG.md");
  const changelogUrl = changelog ? addAsset(files, changelog, `changelogs/${connector.slug}.md`, resolve) : undefined;
  const entry = buildEntry({ connector, manifest, capabilities, type, bundle, ...(icon ? { icon } : {}), ...(changelogUrl ? { changelogUrl } : {}), ...(context.commit ? { commit: context.commit } : {}) });
  return manifest.url ? { entry, homepage: manifest.url, files } : { entry, files };
}
