import type { ChangedPath } from "./git.ts";

/** A connector the PR touches, with the repo-relative files it changed. */
export interface ChangedConnector {
  slug: string;
  status: "added" | "modified" | "deleted" | "unchanged";
  changes: ChangedPath[];
}

const CONNECTOR_FILE = /^plugins\/([^/]+)\/./;

/**
 * Groups changed paths by connector (`plugins/<slug>/...`). A connector is `added` when none of its
 * files existed at the base, `deleted` when every change deletes, `modified` otherwise. Explicit
 * `paths` (`plugins/x`) are always reviewed, `unchanged` when the diff does not touch them; an empty `paths` reviews nothing.
 */
export function findChangedConnectors(changes: ChangedPath[], paths?: string[]): ChangedConnector[] {
  const bySlug = new Map<string, ChangedPath[]>();
  for (const change of changes) {
    const slug = CONNECTOR_FILE.exec(change.path)?.[1];
    if (slug) bySlug.set(slug, [...(bySlug.get(slug) ?? []), change]);
  }
  const wanted = (paths ?? []).map((path) => path.replace(/\/+$/, "").replace(/^\.\//, "").replace(/^plugins\//, ""));
  const slugs = paths ? wanted : [...bySlug.keys()];
  return [...new Set(slugs)].sort().map((slug) => {
    const mine = bySlug.get(slug) ?? [];
    const status = mine.length === 0 ? "unchanged" : mine.every((c) => c.status === "deleted") ? "deleted" : mine.every((c) => c.status === "added") ? "added" : "modified";
    return { slug, status, changes: mine };
  });
}
