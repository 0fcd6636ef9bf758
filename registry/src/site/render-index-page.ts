import type { CatalogEntry, UnsignedCatalog } from "@connectors/registry-client";
import { escapeHtml } from "./escape-html.ts";
import { renderBadges, renderDeprecation, STATUS_LABELS, SUPPORT_LABELS } from "./lifecycle-badges.ts";
import { renderLayout } from "./render-layout.ts";
import { SITE_JS } from "./site-assets.ts";

const TYPES = ["transformation", "destination", "scheduled"] as const;

/** Footer line shared by every page: which commit the catalog came from, and its signed files. */
export function renderProvenance(catalog: UnsignedCatalog, root = ""): string {
  const g = catalog.generated;
  return `<p>Built from commit <code>${escapeHtml(g.commit.slice(0, 12))}</code> at <time datetime="${escapeHtml(g.time)}">${escapeHtml(g.time)}</time>. Machine-readable: <a href="${root}registry.json">registry.json</a> (<a href="${root}registry.json.sig">signature</a>, <a href="${root}registry.pub.pem">public key</a>: pin the key you were given, not this copy).</p>`;
}

function card(entry: CatalogEntry): string {
  const search = [entry.name, entry.slug, entry.packageName, entry.description ?? "", ...entry.categories, entry.type, entry.status, entry.supportLevel].join(" ").toLowerCase();
  const icon = entry.icon ? `<img class="icon" src="${escapeHtml(entry.icon)}" alt="" width="32" height="32"> ` : "";
  return `<li data-type="${escapeHtml(entry.type)}" data-status="${escapeHtml(entry.status)}" data-support="${escapeHtml(entry.supportLevel)}" data-categories="${escapeHtml(entry.categories.join(" "))}" data-search="${escapeHtml(search)}">
<h3>${icon}<a href="connectors/${escapeHtml(entry.slug)}.html">${escapeHtml(entry.name)}</a> ${renderBadges(entry)}</h3>
<p class="muted"><code>${escapeHtml(entry.slug)}@${escapeHtml(entry.version)}</code>${entry.categories.length ? ` · ${entry.categories.map(escapeHtml).join(", ")}` : ""}</p>
${entry.description ? `<p>${escapeHtml(entry.description)}</p>` : ""}${renderDeprecation(entry, "")}
</li>`;
}

/** A labelled `<select>` of the values present in the catalog, "All …" first. */
function filter(id: string, label: string, all: string, values: readonly string[]): string {
  return `<div><label for="${id}">${label}</label><select id="${id}" name="${id}"><option value="">${all}</option>${values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join("")}</select></div>`;
}

function revokedTable(catalog: UnsignedCatalog): string {
  if (!catalog.revoked.length) return "";
  return `<h2 id="revoked-heading">Revoked versions</h2>
<p>Instances refuse to install these versions.</p>
<table aria-labelledby="revoked-heading"><thead><tr><th scope="col">Connector</th><th scope="col">Version</th><th scope="col">Reason</th><th scope="col">Revoked</th></tr></thead><tbody>
${catalog.revoked.map((r) => `<tr><td><a href="connectors/${escapeHtml(r.slug)}.html">${escapeHtml(r.slug)}</a></td><td><code>${escapeHtml(r.version)}</code> <span class="badge revoked">revoked</span></td><td>${escapeHtml(r.reason)}</td><td><time datetime="${escapeHtml(r.revokedAt)}">${escapeHtml(r.revokedAt.slice(0, 10))}</time></td></tr>`).join("\n")}
</tbody></table>`;
}

/**
 * Renders the catalog's index.html: every published connector with search (name, slug, description,
 * categories) and filters by kind, category, status and support level (also as `?q=&type=&category=
 * &status=&support=`), that work without a server (file://) and leave everything listed without script.
 */
export function renderIndexPage(catalog: UnsignedCatalog): string {
  const connectors = catalog.connectors;
  const present = <T extends string>(values: readonly T[], has: (value: T) => boolean) => values.filter(has);
  const categories = [...new Set(connectors.flatMap((c) => c.categories))].sort();
  const filters = [
    filter("type", "Kind", "All kinds", present(TYPES, (t) => connectors.some((c) => c.type === t))),
    filter("category", "Category", "All categories", categories),
    filter("status", "Status", "All statuses", present(Object.keys(STATUS_LABELS) as (keyof typeof STATUS_LABELS)[], (s) => connectors.some((c) => c.status === s))),
    filter("support", "Support", "All support levels", present(Object.keys(SUPPORT_LABELS) as (keyof typeof SUPPORT_LABELS)[], (s) => connectors.some((c) => c.supportLevel === s))),
  ];
  const main = `<h2 id="list-heading">Connectors</h2>
<form id="filters" class="filters" role="search" aria-label="Filter connectors">
<div><label for="q">Search by name or description</label><input id="q" name="q" type="search" autocomplete="off" placeholder="e.g. geoip"></div>
${filters.join("\n")}
</form>
<p id="count" role="status" aria-live="polite">${connectors.length} connector${connectors.length === 1 ? "" : "s"}</p>
<ul id="connectors" class="cards" aria-labelledby="list-heading">
${connectors.map(card).join("\n")}
</ul>
<p id="empty" hidden>No connector matches. Clear the search or pick other filters.</p>
${revokedTable(catalog)}`;
  const official = connectors.filter((c) => c.supportLevel === "official").length;
  return renderLayout({
    title: "Connector catalog",
    header: `<h1>Connector catalog</h1>\n<p class="muted">Reviewed and approved event-pipeline connectors for PostHog. ${connectors.length} published (${official} official).</p>`,
    main,
    footer: renderProvenance(catalog),
    script: SITE_JS,
  });
}
