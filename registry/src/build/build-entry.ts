import { buildConfigSchema, type PluginManifest } from "@connectors/plugin-api";
import type { CatalogEntry, ConnectorCapabilities, ConnectorType } from "@connectors/registry-client";
import type { ApprovedConnector } from "../discover/select-approved.ts";
import { lifecycleOf } from "./lifecycle-of.ts";

/** Everything known about one built connector version, before it becomes a catalog entry. */
export interface EntryInput {
  connector: ApprovedConnector;
  manifest: PluginManifest;
  capabilities: ConnectorCapabilities;
  type: ConnectorType;
  bundle: CatalogEntry["bundle"];
  icon?: string;
  changelogUrl?: string;
  /** Where the catalog was built from, to pin source links. */
  commit?: string;
}

/** plugin.json `url`; a GitHub `/tree/<branch>/` URL pinned to the catalog's commit, so the link shows exactly the published source. */
function sourceUrlOf(url: string | undefined, commit: string | undefined): string | undefined {
  if (!url || !commit || !/^[0-9a-f]{40}$/.test(commit)) return url;
  return url.replace(/^(https:\/\/github\.com\/[^/]+\/[^/]+\/tree\/)[^/]+(\/plugins\/)/, `$1${commit}$2`);
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
    ...lifecycleOf(manifest, connector.version),
    categories: [...(manifest.categories ?? [])].sort(),
    capabilities: input.capabilities,
    configSchema: buildConfigSchema(manifest),
    allowedHosts: [...(manifest.allowedHosts ?? [])].sort(),
    bundle: input.bundle,
    approval: reviewDigest ? { approvedBy, approvedAt, reviewDigest } : { approvedBy, approvedAt },
  };
  if (manifest.description) entry.description = manifest.description;
  if (manifest.maintainer) entry.maintainer = manifest.maintainer;
  if (input.icon) entry.icon = input.icon;
  if (connector.approval.example) entry.example = true;
  const sourceUrl = sourceUrlOf(manifest.url, input.commit);
  if (sourceUrl) entry.sourceUrl = sourceUrl;
  if (manifest.posthogVersion) entry.posthogVersion = manifest.posthogVersion;
  if (input.changelogUrl) entry.changelogUrl = input.changelogUrl;
  if (connector.revocation) entry.revoked = { reason: connector.revocation.reason, revokedAt: connector.revocation.revokedAt };
  return entry;
}
