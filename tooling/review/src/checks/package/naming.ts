import type { ConnectorContext, Finding } from "../../types.ts";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Checks the naming convention: `plugins/<kebab-slug>` holds the package `posthog-<slug>-plugin`. */
export function checkNaming(ctx: ConnectorContext): Finding[] {
  const found: Finding[] = [];
  if (!SLUG.test(ctx.slug)) {
    found.push({ rule: "package/naming", category: "package", severity: "error", file: ctx.dir, message: `directory name "${ctx.slug}" is not a kebab-case slug`, fix: "rename the directory to lowercase words joined by dashes (before the first release: slugs never change after)" });
  }
  const name = ctx.packageJson?.name;
  const expected = `posthog-${ctx.slug}-plugin`;
  if (ctx.packageJson && name !== expected) {
    found.push({ rule: "package/naming", category: "package", severity: "error", file: `${ctx.dir}/package.json`, line: 2, message: `package name is ${JSON.stringify(name)}, expected "${expected}"`, fix: `set "name": "${expected}"` });
  }
  return found;
}
