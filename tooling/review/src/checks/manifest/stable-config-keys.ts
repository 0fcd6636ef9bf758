import { classifyBreakingChanges } from "../../breaking/classify-breaking-changes.ts";
import type { ConnectorContext, Finding } from "../../types.ts";
import { configKeyLine } from "./json-pointer-line.ts";

/**
 * Lists config changes against the published plugin.json. Breaking ones are warnings here; the
 * version-bump rule turns them into an error when the release is not a major bump.
 */
export function checkStableConfigKeys(ctx: ConnectorContext): Finding[] {
  if (!ctx.manifest || !ctx.base?.manifest) return [];
  return classifyBreakingChanges(ctx.base.manifest, ctx.manifest)
    .filter((change) => change.breaking || change.kind === "secret-removed")
    .map((change) => ({
      rule: "manifest/stable-config-keys",
      category: "manifest" as const,
      severity: "warning" as const,
      file: `${ctx.dir}/plugin.json`,
      line: change.kind === "config-removed" ? 1 : configKeyLine(ctx.manifestText ?? "", change.key),
      message: `${change.breaking ? "breaking: " : ""}${change.message}`,
      fix: change.kind === "config-removed" ? `keep "${change.key}" (mark it deprecated in its hint) or release a major version with a migration note` : "keep the published behaviour, or release a major version with a migration note in the changeset",
    }));
}
