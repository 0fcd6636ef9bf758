import type { ChangedPath } from "./git.ts";

/** A changeset file's bumps, keyed by package name. */
export type ChangesetBumps = Map<string, { file: string; bump: "major" | "minor" | "patch" }[]>;

/**
 * Reads the bump lines (`"posthog-x-plugin": minor`) from the frontmatter of the changesets a PR
 * adds or changes.
 */
export function parseChangesets(files: { path: string; text: string }[]): ChangesetBumps {
  const bumps: ChangesetBumps = new Map();
  for (const { path, text } of files) {
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
    for (const match of front.matchAll(/^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)) {
      const list = bumps.get(match[1]!) ?? [];
      list.push({ file: path, bump: match[2] as "major" | "minor" | "patch" });
      bumps.set(match[1]!, list);
    }
  }
  return bumps;
}

/** The changeset files among the changed paths (added or modified `.changeset/*.md`, not the README). */
export function changesetPaths(changes: ChangedPath[]): string[] {
  return changes.filter((change) => change.status !== "deleted" && /^\.changeset\/[^/]+\.md$/.test(change.path) && !/README\.md$/i.test(change.path)).map((change) => change.path);
}
