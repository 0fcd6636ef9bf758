import type { CatalogEntry } from "./catalog-types.ts";

/** Something an operator should know before installing a connector version. */
export interface LifecycleNotice {
  slug: string;
  kind: "deprecated" | "alpha" | "example" | "community";
  /** `warning` for deprecated versions; `info` otherwise. */
  severity: "warning" | "info";
  message: string;
}

/**
 * What the catalog says an installer should be told about an entry: deprecated (since when, what
 * replaces it), alpha, an example connector, or community-supported. Empty for a stable or beta
 * official connector.
 *
 * @example
 * lifecycleNotices(entry) // [{ kind: "deprecated", severity: "warning", message: "old-one is deprecated since 2026-11-01: install new-one instead (...)" }]
 */
export function lifecycleNotices(entry: CatalogEntry): LifecycleNotice[] {
  const notices: LifecycleNotice[] = [];
  const { slug } = entry;
  if (entry.status === "deprecated" && entry.deprecation) {
    const { date, replacement, reason } = entry.deprecation;
    notices.push({ slug, kind: "deprecated", severity: "warning", message: `${slug} is deprecated since ${date}${reason ? ` (${reason})` : ""}: install ${replacement} instead (\`connectors install ${replacement}\`).` });
  }
  if (entry.status === "alpha") notices.push({ slug, kind: "alpha", severity: "info", message: `${slug} is alpha: its configuration and behaviour may change in any release.` });
  if (entry.example) notices.push({ slug, kind: "example", severity: "info", message: `${slug} is an example connector, a template to copy rather than one to run in production.` });
  if (entry.supportLevel === "community") notices.push({ slug, kind: "community", severity: "info", message: `${slug} is supported by its authors (community), not by the catalog's maintainers.` });
  return notices;
}
