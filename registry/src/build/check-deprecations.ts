import type { CatalogEntry } from "@connectors/registry-client";
import type { ConnectorFailure } from "../errors.ts";

/**
 * Each deprecated entry must name a replacement that the same catalog publishes, is not itself,
 * and is not deprecated or revoked: an instance told to move must have somewhere to go.
 */
export function checkDeprecations(entries: CatalogEntry[]): ConnectorFailure[] {
  const bySlug = new Map(entries.map((e) => [e.slug, e]));
  return entries.flatMap((e) => {
    if (!e.deprecation) return [];
    const target = bySlug.get(e.deprecation.replacement);
    const problem =
      e.deprecation.replacement === e.slug ? "names the connector itself"
      : !target ? "is not in the catalog"
      : target.status === "deprecated" ? "is deprecated too"
      : target.revoked ? "is revoked"
      : undefined;
    if (!problem) return [];
    return [{ connector: `${e.slug}@${e.version}`, message: `plugin.json /deprecation/replacement "${e.deprecation.replacement}" ${problem}. Fix: name the published connector that replaces it.` }];
  });
}
