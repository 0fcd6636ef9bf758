import { validateManifest } from "@connectors/plugin-api";
import type { ConnectorContext, Finding } from "../../types.ts";
import { jsonPointerLine } from "./json-pointer-line.ts";

/** Validates plugin.json with the shared schema and rules (`validateManifest`), one finding per issue. */
export function checkManifestSchema(ctx: ConnectorContext): Finding[] {
  const file = `${ctx.dir}/plugin.json`;
  if (ctx.manifestText === undefined) return [];
  if (ctx.manifestRaw === undefined) {
    return [{ rule: "manifest/schema", category: "manifest", severity: "error", file, line: 1, message: "plugin.json is not valid JSON", fix: "fix the JSON syntax (`pnpm connectors validate` shows the line and column)" }];
  }
  return validateManifest(ctx.manifestRaw).issues.map((issue) => ({
    rule: "manifest/schema",
    category: "manifest" as const,
    severity: issue.severity,
    file,
    line: jsonPointerLine(ctx.manifestText!, issue.path),
    message: `${issue.path || "/"}: ${issue.message}`,
    fix: issue.fix ?? "see tooling/plugin-api/plugin.schema.json",
  }));
}
