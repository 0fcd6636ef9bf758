import type { CatalogEntry, UnsignedCatalog } from "@connectors/registry-client";
import { escapeHtml } from "./escape-html.ts";
import { renderLayout } from "./render-layout.ts";
import { SITE_JS } from "./site-assets.ts";

const TYPES = ["transformation", "destination", "scheduled"] as const;

/** Footer line shared by every page: which commit the catalog came from, and its signed files. */
export function renderProvenance(catalog: UnsignedCatalog, root = ""): string {
  const g = catalog.generated;
  return `<p>Built from commit <code>${escapeHtml(g.commit.slice(0, 12))}</code> at <time datetime="${escapeHtml(g.time)}">${escapeHtml(g.time)}</time>. Machine-readable: <a href="${root}registry.json">registry.json</a> (<a href="${root}registry.json.sig">signature</a>, <a href="${root}registry.pub.pem">public key</a>: pin the key you were given, not this copy).</p>`;
}

function card(entry: CatalogEntry): string {
  const search = [entry.name, entry.slug, entry.packageName, entry.description ?? "", ...(entry.categories ?? []), entry.type].join(" ").toLowerCase();
  return `<li data-type="${escapeHtml(entry.type)}" data-search="${escapeHtml(search)}">
<h3><a href="connectors/${escapeHtml(entry.slug)}.html">${escapeHtml(entry.name)}</a> <span class="badge">${escapeHtml(entry.type)}</span>${entry.revoked ? ' <span class="badge revoked">revoked</span>' : ""}</h3>
<p class="muted"><code>${escapeHtml(entry.slug)}@${escapeHtml(entry.version)}</code>${entry.categories?.length ? ` · ${entry.categories.map(escapeHtml).join(", ")}` : ""}</p>
${entry.description ? `<p>${escapeHtml(entry.description)}</p>` : ""}
</li>`;
}

/**
 * Renders the catalog's index.html: every published connector with search (name, slug, description,
 * categories) and a type filter that work without a server (file://) and stay usable without script.
 */
export function renderIndexPage(catalog: UnsignedCatalog): string {
  const present = TYPES.filter((t) => catalog.connectors.some((c) => c.type === t));
  const revoked = catalog.revoked.length
    ? `<h2 id="revoked-heading">Revoked versions</h2>
<p>Instances refuse to install these versions.</p>
<table aria-labelledby="revoked-heading"><thead><tr><th scope="col">Connector</th><th scope="col">Version</th><th scope="col">Reason</th><th scope="col">Revoked</th></tr></thead><tbody>
${catalog.revoked.map((r) => `<tr><td><a href="connectors/${escapeHtml(r.slug)}.html">${escapeHtml(r.slug)}</a></td><td><code>${escapeHtml(r.version)}</code> <span class="badge revoked">revoked</span></td><td>${escapeHtml(r.reason)}</td><td><time datetime="${escapeHtml(r.revokedAt)}">${escapeHtml(r.revokedAt.slice(0, 10))}</time></td></tr>`).join("\n")}
</tbody></table>`
    : "";
  const main = `<h2 id="list-heading">Connectors</h2>
<form id="filters" class="filters" role="search" aria-label="Filter connectors">
<div><label for="q">Search by name or description</label><input id="q" name="q" type="search" autocomplete="off" placeholder="e.g. geoip"></div>
<div><label for="type">Type</label><select id="type" name="type"><option value="">All types</option>${present.map((t) => `<option value="${t}">${t}</option>`).join("")}</select></div>
</form>
<p id="count" role="status" aria-live="polite">${catalog.connectors.length} connector${catalog.connectors.length === 1 ? "" : "s"}</p>
<ul id="connectors" class="cards" aria-labelledby="list-heading">
${catalog.connectors.map(card).join("\n")}
</ul>
<p id="empty" hidden>No connector matches. Clear the search or pick another type.</p>
${revoked}`;
  return renderLayout({
    title: "Connector catalog",
    header: `<h1>Connector catalog</h1>\n<p class="muted">Reviewed and approved event-pipeline connectors for PostHog. ${catalog.connectors.length} published.</p>`,
    main,
    footer: renderProvenance(catalog),
    script: SITE_JS,
  });
}
