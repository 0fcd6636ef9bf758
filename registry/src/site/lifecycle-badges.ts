import type { CatalogEntry } from "@connectors/registry-client";
import { escapeHtml } from "./escape-html.ts";

/** Labels of the filter values, in the order the filters offer them. */
export const STATUS_LABELS = { stable: "stable", beta: "beta", alpha: "alpha", deprecated: "deprecated" } as const;
export const SUPPORT_LABELS = { official: "official", community: "community" } as const;

/**
 * The badges of a connector: kind, lifecycle status, support level, example, revoked. Text, not
 * colour alone, carries the meaning.
 */
export function renderBadges(entry: CatalogEntry): string {
  const badges = [
    `<span class="badge">${escapeHtml(entry.type)}</span>`,
    `<span class="badge status-${escapeHtml(entry.status)}">${escapeHtml(entry.status)}</span>`,
    `<span class="badge">${escapeHtml(entry.supportLevel)}</span>`,
    entry.example ? '<span class="badge">example</span>' : "",
    entry.revoked ? '<span class="badge revoked">revoked</span>' : "",
  ];
  return badges.filter(Boolean).join(" ");
}

/** The deprecation notice of a page or card (empty when not deprecated); `root` prefixes the replacement's link. */
export function renderDeprecation(entry: CatalogEntry, root: string): string {
  if (!entry.deprecation) return "";
  const { date, replacement, reason } = entry.deprecation;
  return `<p class="deprecated"><strong>Deprecated</strong> since <time datetime="${escapeHtml(date)}">${escapeHtml(date)}</time>${reason ? ` (${escapeHtml(reason)})` : ""}: use <a href="${root}connectors/${escapeHtml(replacement)}.html">${escapeHtml(replacement)}</a> instead. Installing it shows a warning.</p>`;
}
