import type { CatalogEntry, UnsignedCatalog } from "@connectors/registry-client";

/** One entry of PostHog's `plugins.json` catalog (integrations-repository format). */
export interface PostHogCatalogEntry {
  name: string;
  url: string;
  description: string;
  verified: boolean;
  maintainer: "official" | "community";
  displayOnWebsiteLib: boolean;
  type: "data_in" | "data_out" | "ingestion_filtering";
  icon?: string;
}

const POSTHOG_TYPE = { transformation: "ingestion_filtering", destination: "data_out", scheduled: "data_in" } as const;

function toPostHog(entry: CatalogEntry, resolve: (path: string) => string, urlOf: (entry: CatalogEntry) => string): PostHogCatalogEntry {
  const out: PostHogCatalogEntry = {
    name: entry.name,
    url: urlOf(entry),
    description: entry.description ?? "",
    verified: entry.supportLevel === "official",
    maintainer: entry.supportLevel,
    displayOnWebsiteLib: !entry.example && entry.status !== "deprecated",
    type: POSTHOG_TYPE[entry.type],
  };
  if (entry.icon) out.icon = resolve(entry.icon);
  return out;
}

/**
 * The PostHog-compatible view of a catalog (`plugins.json`), so an unchanged PostHog instance can
 * browse it. Revoked versions are left out: PostHog does not know about revocations. Examples and
 * deprecated connectors stay installable but are not shown in PostHog's library
 * (`displayOnWebsiteLib: false`); only official ones are `verified`.
 *
 * @param resolve - turns a catalog path into a public URL
 * @param homepages - per slug, the `url` PostHog shows (plugin.json `url`); the bundle URL when absent
 */
export function toPluginsJson(catalog: UnsignedCatalog, resolve: (path: string) => string, homepages: Map<string, string | undefined>): PostHogCatalogEntry[] {
  const urlOf = (entry: CatalogEntry) => homepages.get(entry.slug) ?? resolve(entry.bundle.url);
  return catalog.connectors.filter((e) => !e.revoked).map((e) => toPostHog(e, resolve, urlOf));
}
