import { classifyBreakingChanges } from "../../breaking/classify-breaking-changes.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

const ORDER = { patch: 0, minor: 1, major: 2 } as const;

function majorOf(version: unknown): number | undefined {
  const match = typeof version === "string" ? /^(\d+)\./.exec(version) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * A breaking change needs a breaking release: `major` (or `minor` while the version is 0.x) in the
 * changeset, or a matching package.json version bump.
 */
export function checkVersionBump(ctx: ConnectorContext): Finding[] {
  if (!ctx.manifest || !ctx.base?.manifest) return [];
  const breaking = classifyBreakingChanges(ctx.base.manifest, ctx.manifest).filter((change) => change.breaking);
  if (breaking.length === 0) return [];
  const published = majorOf(ctx.base.packageJson?.version) ?? majorOf(ctx.packageJson?.version) ?? 0;
  const needed = published === 0 ? "minor" : "major";
  const bumped = ctx.changesets.some((changeset) => ORDER[changeset.bump] >= ORDER[needed]);
  const versionBumped = (majorOf(ctx.packageJson?.version) ?? 0) > published;
  if (bumped || versionBumped) return [];
  return [{
    rule: "package/version-bump",
    category: "package",
    severity: "error",
    file: `${ctx.dir}/plugin.json`,
    message: `${breaking.length} breaking config change(s) (${breaking.map((change) => change.key).join(", ")}) but the release is not ${needed}`,
    fix: `mark the changeset "${ctx.packageJson?.name ?? `posthog-${ctx.slug}-plugin`}": ${needed} and describe the migration, or keep the published config keys`,
  }];
}
