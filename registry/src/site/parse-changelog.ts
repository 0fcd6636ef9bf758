/** One version's section of a CHANGELOG.md. */
export interface ChangelogVersion {
  version: string;
  /** The section's lines (Markdown), trimmed of blank edges. */
  lines: string[];
}

/**
 * Splits a changesets-style CHANGELOG.md into its version sections (`## 1.2.0`, newest first as
 * written). Text before the first version heading is dropped. Pure.
 */
export function parseChangelog(markdown: string | undefined): ChangelogVersion[] {
  const versions: ChangelogVersion[] = [];
  for (const line of (markdown ?? "").split(/\r?\n/)) {
    const heading = /^##\s+v?(\d+\.\d+\.\d+\S*)\s*$/.exec(line);
    if (heading) versions.push({ version: heading[1]!, lines: [] });
    else versions.at(-1)?.lines.push(line);
  }
  for (const v of versions) {
    while (v.lines.length && !v.lines[0]!.trim()) v.lines.shift();
    while (v.lines.length && !v.lines.at(-1)!.trim()) v.lines.pop();
  }
  return versions;
}
