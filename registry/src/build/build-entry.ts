import { buildConfigSchema, type PluginManifest } from "@connectors/plugin-api";
import type { CatalogEntry, ConnectorCapabilities, ConnectorType } from "@connectors/registry-client";
import type { ApprovedConnector } from "../discover/select-approved.ts";

/** Everything known about one built connector version, before it becomes a catalog entry. */
export interface EntryInput {
  connector: ApprovedConnector;
  manifest: PluginManifest;
  capabilities: ConnectorCapabilities;
  type: ConnectorType;
  bundle: CatalogEntry["bundle"];
  icon?: string;
  changelogUrl?: string;
}

/**
 * Builds the registry.json entry of one connector version. Optional fields are left out rather
 * than set to null, so entries stay small and diffs stay readable.
 */
export function buildEntry(input: EntryInput): CatalogEntry {
  const { connector, manifest } = input;
  const { approvedBy, approvedAt, reviewDigest } = connector.approval;
  const entry: CatalogEntry = {
    slug: connector.slug,
    packageName: connector.packageName,
    version: connector.version,
    name: manifest.name,
    type: input.type,
    capabilities: input.capabilities,
    configSchema: buildConfigSchema(manifest),
    allowedHosts: [...(manifest.allowedHosts ?? [])].sort(),
    bundle: input.bundle,
    approval: reviewDigest ? { approvedBy, approvedAt, reviewDigest } : { approvedBy, approvedAt },
  };
  if (manifest.description) entry.description = manifest.description;
  if (manifest.maintainer) entry.maintainer = manifest.maintainer;
  if (input.icon) entry.icon = input.icon;
  if (manifest.categories?.length) entry.categories = [...manifest.categories].sort();
  if (manifest.posthogVersion) entry.posthogVersion = manifest.posthogVersion;
  if (input.changelogUrl) entry.changelogUrl = input.changelogUrl;
  if (connector.revocation) entry.revoked = { reason: connector.revocation.reason, revokedAt: connector.revocation.revokedAt };
  return entry;
}
