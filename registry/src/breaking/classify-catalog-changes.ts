import { errorIssue, type Issue } from "@connectors/plugin-api";
import { bumpBetween, classifyConfigChanges, maxBump, parseSemver, requiredBumpFrom, satisfiesBump, type Bump, type Catalog, type CatalogChange, type CatalogEntry } from "@connectors/registry-client";

/** How one connector changed between two catalogs, and whether its version bump matches. */
export interface ConnectorChangeReport {
  slug: string;
  from?: string;
  to?: string;
  status: "added" | "removed" | "changed" | "unchanged";
  changes: CatalogChange[];
  /** The smallest bump the changes need from `from` (before 1.0.0, one step smaller). */
  requiredBump: Bump;
  actualBump: Bump | "downgrade";
  /** False when the version bump is smaller than required, or the version went down. */
  ok: boolean;
}

function diffList(kind: "capability" | "host", before: string[], after: string[], removedImpact: "major" | "patch"): CatalogChange[] {
  const label = kind === "host" ? "allowed host" : "capability";
  return [
    ...before.filter((x) => !after.includes(x)).map((key): CatalogChange => ({ kind: `${kind}-removed`, key, impact: removedImpact, message: `${label} "${key}" was removed` })),
    ...after.filter((x) => !before.includes(x)).map((key): CatalogChange => ({ kind: `${kind}-added`, key, impact: kind === "host" ? "minor" : "minor", message: kind === "host" ? `new egress host "${key}" (review it)` : `new capability "${key}"` })),
  ];
}

const capabilityNames = (e: CatalogEntry) => [...e.capabilities.methods, ...e.capabilities.scheduledTasks, ...e.capabilities.jobs.map((j) => `jobs.${j}`)];

/**
 * Every change between two versions of one connector's catalog entry: config schema, capabilities,
 * allowed hosts, type, and bundle content.
 */
export function classifyEntryChanges(before: CatalogEntry, after: CatalogEntry): CatalogChange[] {
  const changes = [
    ...classifyConfigChanges(before.configSchema, after.configSchema),
    ...diffList("capability", capabilityNames(before), capabilityNames(after), "major"),
    ...diffList("host", before.allowedHosts, after.allowedHosts, "patch"),
  ];
  if (before.type !== after.type) changes.push({ kind: "type-changed", impact: "major", message: `type changed from ${before.type} to ${after.type}` });
  if (changes.length === 0 && before.bundle.integrity !== after.bundle.integrity) changes.push({ kind: "content-changed", impact: "patch", message: "the bundle changed" });
  return changes;
}

function compareEntries(before: CatalogEntry, after: CatalogEntry): ConnectorChangeReport {
  const changes = classifyEntryChanges(before, after);
  const [from, to] = [parseSemver(before.version), parseSemver(after.version)];
  const impact = changes.reduce<Bump>((acc, c) => maxBump(acc, c.impact), "none");
  const requiredBump = from ? requiredBumpFrom(from, impact) : impact;
  const actualBump = from && to ? bumpBetween(from, to) : "none";
  const status = changes.length || actualBump !== "none" ? "changed" : "unchanged";
  return { slug: after.slug, from: before.version, to: after.version, status, changes, requiredBump, actualBump, ok: satisfiesBump(actualBump, requiredBump) };
}

/**
 * Compares a previous catalog with a new one, connector by connector, and says for each what
 * changed and whether the version bump is big enough (removed/renamed config keys, new required
 * fields, changed types and removed capabilities need a major bump; additions a minor one; a
 * changed bundle at least a patch). Used by `registry build` callers and by the review bot.
 *
 * @example
 * const reports = classifyCatalogChanges(previous, next);
 * reports.filter((r) => !r.ok) // connectors whose version bump is too small
 */
export function classifyCatalogChanges(previous: Pick<Catalog, "connectors">, next: Pick<Catalog, "connectors">): ConnectorChangeReport[] {
  const before = new Map(previous.connectors.map((e) => [e.slug, e]));
  const after = new Map(next.connectors.map((e) => [e.slug, e]));
  const slugs = [...new Set([...before.keys(), ...after.keys()])].sort();
  return slugs.map((slug): ConnectorChangeReport => {
    const [b, a] = [before.get(slug), after.get(slug)];
    if (b && a) return compareEntries(b, a);
    if (a) return { slug, to: a.version, status: "added", changes: [], requiredBump: "none", actualBump: "none", ok: true };
    return { slug, from: b!.version, status: "removed", changes: [], requiredBump: "none", actualBump: "none", ok: true };
  });
}

/**
 * The reports that need action, as issues for the review bot and the CLI: one error per connector
 * whose version bump is too small (listing the breaking changes), path `/connectors/<slug>`.
 */
export function changeReportIssues(reports: readonly ConnectorChangeReport[]): Issue[] {
  return reports
    .filter((r) => !r.ok)
    .map((r) => {
      const reasons = r.changes.filter((c) => c.impact === "major" || r.requiredBump !== "major").map((c) => c.message);
      const what = r.actualBump === "downgrade" ? `version went down from ${r.from} to ${r.to}` : `${r.from} → ${r.to} is a ${r.actualBump} bump, but the changes need a ${r.requiredBump} bump`;
      return errorIssue(`/connectors/${r.slug}`, `${r.slug}: ${what} (${reasons.join("; ") || "content changed"})`, `bump the version with a ${r.requiredBump} changeset (pnpm changeset)`);
    });
}
