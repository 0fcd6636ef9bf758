import type { ConnectorContext, Finding } from "../../types.ts";

/** A connector the PR adds or changes needs a changeset naming its package (`pnpm changeset`). */
export function checkChangeset(ctx: ConnectorContext): Finding[] {
  if (ctx.status !== "added" && ctx.status !== "modified") return [];
  const shipped = ctx.changedFiles.some((file) => !/\/(README|CHANGELOG)\.md$/.test(file) && !/\.test\.[cm]?[jt]s$/.test(file) && !/\/fixtures\//.test(file));
  if (!shipped || ctx.changesets.length > 0) return [];
  const name = typeof ctx.packageJson?.name === "string" ? ctx.packageJson.name : `posthog-${ctx.slug}-plugin`;
  return [{
    rule: "package/changeset",
    category: "package",
    severity: "error",
    file: ".changeset/",
    message: `${name} changed but no changeset names it`,
    fix: `run \`pnpm changeset\` (or add .changeset/${ctx.slug}-<change>.md with \`"${name}": patch|minor|major\`)`,
  }];
}
