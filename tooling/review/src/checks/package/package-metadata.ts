import type { ConnectorContext, Finding } from "../../types.ts";

/** Checks package.json metadata: description, an author or plugin.json maintainer, a licence, a version. */
export function checkPackageMetadata(ctx: ConnectorContext): Finding[] {
  const pkg = ctx.packageJson;
  if (!pkg) return [];
  const file = `${ctx.dir}/package.json`;
  const found: Finding[] = [];
  const need = (ok: boolean, severity: "error" | "warning", message: string, fix: string) => {
    if (!ok) found.push({ rule: "package/metadata", category: "package", severity, file, message, fix });
  };
  need(typeof pkg.version === "string" && /^\d+\.\d+\.\d+/.test(pkg.version), "error", "package.json has no semver \"version\"", 'set "version": "0.1.0"');
  need(typeof pkg.description === "string" && pkg.description.trim().length > 0, "warning", "package.json has no \"description\"", "add one sentence on what the connector does");
  need(Boolean(pkg.author || pkg.maintainers || ctx.manifest?.maintainer), "warning", "no author (package.json) or maintainer (plugin.json)", 'add "author" to package.json or "maintainer" to plugin.json');
  need(typeof pkg.license === "string" && pkg.license.length > 0, "warning", "package.json has no \"license\"", 'add "license": "MIT" (or the licence of the original connector)');
  return found;
}
