import type { UnsignedCatalog } from "@connectors/registry-client";
import { renderConnectorPage } from "./render-connector-page.ts";
import { renderIndexPage } from "./render-index-page.ts";

/**
 * The static catalog site for a built registry: `index.html` (search; kind, category, status and
 * support filters; revoked versions) and `connectors/<slug>.html` per connector (install, links,
 * lifecycle). Pure and deterministic; every asset is inlined, links
 * are relative, so it works from file://, the mirror server and GitHub Pages.
 *
 * @param changelogs - CHANGELOG.md text per slug (the build's `changelogs/<slug>.md`)
 * @param registryUrl - the public URL of registry.json (the build's base URL), shown in the install instructions; relative by default
 * @returns relative path → HTML
 */
export function buildSite(catalog: UnsignedCatalog, changelogs: Map<string, string> = new Map(), registryUrl = "registry.json"): Map<string, string> {
  const pages = new Map<string, string>([["index.html", renderIndexPage(catalog)]]);
  for (const entry of catalog.connectors) pages.set(`connectors/${entry.slug}.html`, renderConnectorPage(entry, catalog, changelogs.get(entry.slug), registryUrl));
  return pages;
}
