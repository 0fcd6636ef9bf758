import type { PluginManifest } from "@connectors/plugin-api";
import type { CatalogDeprecation, ConnectorStatus, SupportLevel } from "@connectors/registry-client";

/** The catalog lifecycle of one connector version. */
export interface Lifecycle {
  status: ConnectorStatus;
  deprecation?: CatalogDeprecation;
  supportLevel: SupportLevel;
}

/**
 * A connector's lifecycle from its plugin.json: `status` as declared, else `stable` from 1.0.0 and
 * `beta` before (semver: 0.x is initial development); the deprecation as declared; `official`
 * support when `maintainer` is "official" (reviewed into this repository by its maintainers),
 * `community` otherwise.
 *
 * @example
 * lifecycleOf({ name: "x", maintainer: "official" }, "0.1.0") // { status: "beta", supportLevel: "official" }
 */
export function lifecycleOf(manifest: PluginManifest, version: string): Lifecycle {
  const status = manifest.status ?? (Number.parseInt(version, 10) >= 1 ? "stable" : "beta");
  const supportLevel = manifest.maintainer === "official" ? "official" : "community";
  const deprecation = manifest.deprecation ? { date: manifest.deprecation.date, replacement: manifest.deprecation.replacement, ...(manifest.deprecation.reason ? { reason: manifest.deprecation.reason } : {}) } : undefined;
  return deprecation ? { status, deprecation, supportLevel } : { status, supportLevel };
}
