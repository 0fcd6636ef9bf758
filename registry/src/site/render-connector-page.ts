import type { CatalogEntry, UnsignedCatalog } from "@connectors/registry-client";
import { escapeHtml } from "./escape-html.ts";
import { parseChangelog } from "./parse-changelog.ts";
import { renderBadges, renderDeprecation } from "./lifecycle-badges.ts";
import { renderProvenance } from "./render-index-page.ts";
import { renderLayout } from "./render-layout.ts";
import { CONNECTOR_JS } from "./site-assets.ts";

interface ConfigRow {
  key: string;
  title?: string;
  type: string;
  required: string;
  default?: unknown;
  description?: string;
  secret: boolean;
}

type Schema = Record<string, any>;

/** The config fields of a connector's JSON Schema, in declaration order, with their requirement. */
export function configRows(schema: Schema): ConfigRow[] {
  const required = new Map<string, string>();
  for (const rule of (schema.allOf ?? []) as Schema[]) {
    if (Array.isArray(rule.required)) for (const key of rule.required) required.set(key, "yes");
    if (rule.then && Array.isArray(rule.then.required)) for (const key of rule.then.required) required.set(key, rule.then.description ?? "conditionally");
  }
  for (const key of (schema.required ?? []) as string[]) required.set(key, "yes");
  return Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([key, p]) => ({
    key,
    ...(p.title ? { title: String(p.title) } : {}),
    type: Array.isArray(p.enum) ? `choice: ${p.enum.filter((v: unknown) => v !== "").join(", ")}` : p.format === "json-text" ? "JSON" : p.type === "object" && p.required?.includes("file_name") ? "file" : p.type === "object" ? "dictionary" : String(p.type ?? "any"),
    required: required.get(key) ?? "no",
    ...(p.default !== undefined && p.default !== "" ? { default: p.default } : {}),
    ...(p.description ? { description: String(p.description) } : {}),
    secret: p.writeOnly === true,
  }));
}

function list(items: string[], none: string): string {
  return items.length ? `<ul>${items.map((i) => `<li><code>${escapeHtml(i)}</code></li>`).join("")}</ul>` : `<p class="muted">${escapeHtml(none)}</p>`;
}

function inlineMarkdown(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

function renderChangelogLines(lines: string[]): string {
  const items = lines.filter((l) => /^\s*[-*]\s+/.test(l)).map((l) => `<li>${inlineMarkdown(l.replace(/^\s*[-*]\s+/, ""))}</li>`);
  const prose = lines.filter((l) => l.trim() && !/^\s*[-*]\s+/.test(l) && !/^#/.test(l)).map((l) => `<p>${inlineMarkdown(l.trim())}</p>`);
  return `${prose.join("")}${items.length ? `<ul>${items.join("")}</ul>` : ""}` || '<p class="muted">No notes.</p>';
}

const STATUS_MEANING = {
  alpha: "alpha: its configuration and behaviour may change in any release",
  beta: "beta: in use, its configuration may still change in a minor release",
  stable: "stable: breaking changes only in a major release",
  deprecated: "deprecated: still installable, with a warning; move to its replacement",
} as const;

function renderInstall(entry: CatalogEntry, registryUrl: string): string {
  const absolute = /^https?:\/\//.test(registryUrl);
  return `<section aria-labelledby="install-heading"><h2 id="install-heading">Install</h2>
${entry.revoked ? '<p class="muted">This version is revoked: instances refuse to install it.</p>' : ""}<p>With the connectors CLI:</p>
<pre><code>connectors install ${escapeHtml(entry.slug)}</code></pre>
<p>On a PostHog instance, add this catalog as a connector registry and pick <strong>${escapeHtml(entry.name)}</strong>; the instance checks the catalog's signature with the key you pinned, and the bundle against <code>${escapeHtml(entry.bundle.integrity)}</code>.</p>
<dl>
<dt>Registry URL</dt><dd><a href="${absolute ? escapeHtml(registryUrl) : "../registry.json"}"><code id="registry-url">${escapeHtml(registryUrl)}</code></a></dd>
</dl>
</section>`;
}

/** A catalog URL as linked from `connectors/<slug>.html`: absolute as is, relative to the catalog root otherwise. */
const fromPage = (url: string) => (/^https?:\/\//.test(url) ? url : `../${url.replace(/^\.\/?/, "")}`);

function renderLinks(entry: CatalogEntry): string {
  const links = [
    entry.sourceUrl ? `<li><a href="${escapeHtml(entry.sourceUrl)}" rel="noopener noreferrer">Source</a></li>` : "",
    entry.changelogUrl ? `<li><a href="${escapeHtml(fromPage(entry.changelogUrl))}">Changelog</a></li>` : "",
    `<li><a href="../${escapeHtml(entry.bundle.path)}">Bundle</a></li>`,
  ].filter(Boolean);
  return `<nav aria-label="Links"><ul class="links">${links.join("")}</ul></nav>`;
}

/**
 * Renders `connectors/<slug>.html`: description, how to install it, links to source and changelog,
 * status (lifecycle, support, approval, review digest, deprecation, revocation), the configuration
 * table, capabilities, allowed hosts, bundle, and every known version with its changelog notes,
 * revoked versions marked.
 *
 * @param registryUrl - the URL of registry.json (absolute when the build had a base URL; otherwise filled in by the page from where it is served)
 */
export function renderConnectorPage(entry: CatalogEntry, catalog: UnsignedCatalog, changelog?: string, registryUrl = "registry.json"): string {
  const revokedVersions = new Map(catalog.revoked.filter((r) => r.slug === entry.slug).map((r) => [r.version, r]));
  if (entry.revoked) revokedVersions.set(entry.version, { slug: entry.slug, version: entry.version, ...entry.revoked });
  const notes = parseChangelog(changelog);
  const versions = [...new Set([entry.version, ...notes.map((n) => n.version), ...revokedVersions.keys()])];
  const rows = configRows(entry.configSchema);
  const maintainer = typeof entry.maintainer === "string" ? entry.maintainer : entry.maintainer?.name;
  const a = entry.approval;
  const status = `${renderDeprecation(entry, "../")}${entry.revoked ? `<div class="alert" role="alert"><strong>Revoked:</strong> version <code>${escapeHtml(entry.version)}</code> was withdrawn on <time datetime="${escapeHtml(entry.revoked.revokedAt)}">${escapeHtml(entry.revoked.revokedAt.slice(0, 10))}</time>: ${escapeHtml(entry.revoked.reason)}. Instances refuse to install it.</div>` : ""}
<dl>
<dt>Lifecycle</dt><dd>${escapeHtml(STATUS_MEANING[entry.status])}${entry.example ? "; an <strong>example</strong> connector, a template to copy rather than run in production" : ""}</dd>
<dt>Support</dt><dd>${entry.supportLevel === "official" ? "official: maintained and supported by the catalog's maintainers" : "community: supported by its authors"}</dd>
<dt>Approval</dt><dd><span class="badge ok">approved</span> by <strong>${escapeHtml(a.approvedBy)}</strong> on <time datetime="${escapeHtml(a.approvedAt)}">${escapeHtml(a.approvedAt.slice(0, 10))}</time></dd>
<dt>Review</dt><dd>${a.reviewDigest ? `review bot report <code>${escapeHtml(a.reviewDigest)}</code>` : '<span class="muted">no review report recorded (approved before the review bot)</span>'}</dd>
</dl>`;
  const config = rows.length
    ? `<table id="config"><caption>Configuration (${rows.length} field${rows.length === 1 ? "" : "s"})</caption>
<thead><tr><th scope="col">Key</th><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Default</th><th scope="col">Description</th></tr></thead>
<tbody>
${rows.map((r) => `<tr><th scope="row"><code>${escapeHtml(r.key)}</code>${r.secret ? ' <span class="badge">secret</span>' : ""}</th><td>${escapeHtml(r.title ?? "")}</td><td>${escapeHtml(r.type)}</td><td>${escapeHtml(r.required)}</td><td>${r.default === undefined ? "" : `<code>${escapeHtml(typeof r.default === "string" ? r.default : JSON.stringify(r.default))}</code>`}</td><td>${inlineMarkdown(r.description ?? "")}</td></tr>`).join("\n")}
</tbody></table>`
    : '<p id="config" class="muted">This connector takes no configuration.</p>';
  const main = `${renderInstall(entry, registryUrl)}
<section aria-labelledby="status-heading"><h2 id="status-heading">Status</h2>
${status}
</section>
<section aria-labelledby="config-heading"><h2 id="config-heading">Configuration</h2>
${config}
</section>
<section aria-labelledby="capabilities-heading"><h2 id="capabilities-heading">Capabilities</h2>
<h3>Hooks</h3>${list(entry.capabilities.methods, "none")}
<h3>Scheduled tasks</h3>${list(entry.capabilities.scheduledTasks, "none")}
<h3>Jobs</h3>${list(entry.capabilities.jobs, "none")}
</section>
<section aria-labelledby="hosts-heading"><h2 id="hosts-heading">Allowed hosts</h2>
${list(entry.allowedHosts, "None: this connector makes no outgoing requests.")}
</section>
<section aria-labelledby="versions-heading"><h2 id="versions-heading">Versions</h2>
<ul id="versions">
${versions
  .map((v) => {
    const revoked = revokedVersions.get(v);
    const note = notes.find((n) => n.version === v);
    return `<li data-version="${escapeHtml(v)}"${revoked ? ' class="revoked"' : ""}><h3><code>${escapeHtml(v)}</code>${v === entry.version ? ' <span class="badge">published</span>' : ""}${revoked ? ` <span class="badge revoked">revoked</span>` : ""}</h3>
${revoked ? `<p><strong>Revoked</strong> on <time datetime="${escapeHtml(revoked.revokedAt)}">${escapeHtml(revoked.revokedAt.slice(0, 10))}</time>: ${escapeHtml(revoked.reason)}</p>` : ""}${note ? renderChangelogLines(note.lines) : ""}</li>`;
  })
  .join("\n")}
</ul>
</section>
<section aria-labelledby="package-heading"><h2 id="package-heading">Package</h2>
<dl>
<dt>Slug</dt><dd><code>${escapeHtml(entry.slug)}</code></dd>
<dt>npm package</dt><dd><code>${escapeHtml(entry.packageName)}</code></dd>
${maintainer ? `<dt>Maintainer</dt><dd>${escapeHtml(maintainer)}</dd>` : ""}
${entry.categories.length ? `<dt>Categories</dt><dd>${entry.categories.map(escapeHtml).join(", ")}</dd>` : ""}
${entry.posthogVersion ? `<dt>PostHog</dt><dd><code>${escapeHtml(entry.posthogVersion)}</code></dd>` : ""}
<dt>Bundle</dt><dd><a href="../${escapeHtml(entry.bundle.path)}">${escapeHtml(entry.bundle.path)}</a> (${entry.bundle.size} bytes, <code>${escapeHtml(entry.bundle.integrity)}</code>)</dd>
</dl>
</section>`;
  return renderLayout({
    title: `${entry.name} · Connector catalog`,
    header: `<nav aria-label="Breadcrumb"><a href="../index.html">All connectors</a></nav>
<h1>${entry.icon ? `<img class="icon" src="${escapeHtml(fromPage(entry.icon))}" alt="" width="48" height="48"> ` : ""}${escapeHtml(entry.name)} ${renderBadges(entry)}</h1>
<p class="muted"><code>${escapeHtml(entry.slug)}@${escapeHtml(entry.version)}</code>${entry.categories.length ? ` · ${entry.categories.map(escapeHtml).join(", ")}` : ""}</p>
${entry.description ? `<p>${inlineMarkdown(entry.description)}</p>` : ""}
${renderLinks(entry)}`,
    main,
    footer: renderProvenance(catalog, "../"),
    script: CONNECTOR_JS,
  });
}
