import { HOST_MODULES, TOOLKIT_PACKAGES, toolkitPackageName } from "@connectors/harness";
import { findImports, isRelativeSpecifier, packageName } from "../../ast/find-imports.ts";
import { runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding } from "../../types.ts";
import { isForbiddenModule } from "./forbidden-modules.ts";

/**
 * Modules the host provides to every connector: the harness's list (PostHog's allowed imports,
 * posthog-plugin-api.md §3.1, minus the cloud SDKs the harness replaces with fetch).
 */
export const ALLOWED_IMPORTS: readonly string[] = HOST_MODULES;

function dependencyNames(packageJson: Record<string, unknown> | undefined): Set<string> {
  const deps = packageJson?.dependencies;
  return new Set(typeof deps === "object" && deps !== null ? Object.keys(deps) : []);
}

/**
 * Flags runtime imports that are neither host modules, the connectors toolkit (which the harness
 * provides and every bundle inlines, so connectors list it under devDependencies), relative files, nor
 * dependencies declared in the connector's package.json (which get bundled). Forbidden built-ins are
 * reported by their own rule.
 */
export function checkAllowedImports(ctx: ConnectorContext): Finding[] {
  const declared = dependencyNames(ctx.packageJson);
  return runtimeSources(ctx.sources).flatMap((source) =>
    findImports(source.ast)
      .filter((ref): ref is typeof ref & { specifier: string } => ref.specifier !== undefined && !ref.typeOnly)
      .filter((ref) => !isRelativeSpecifier(ref.specifier) && !isForbiddenModule(ref.specifier))
      .filter((ref) => {
        const bare = ref.specifier.startsWith("node:") ? ref.specifier.slice(5) : ref.specifier;
        return !ALLOWED_IMPORTS.includes(bare) && !toolkitPackageName(bare) && !declared.has(packageName(bare));
      })
      .map((ref) => ({
        rule: "security/allowed-imports",
        category: "security" as const,
        severity: "error" as const,
        file: source.file,
        line: ref.line,
        message: `imports \`${ref.specifier}\`, which is neither provided by the host, the connectors toolkit nor a declared dependency`,
        fix: `import only ${ALLOWED_IMPORTS.join(", ")}, the toolkit (${TOOLKIT_PACKAGES.join(", ")}), relative files, or a dependency listed in package.json (it is bundled and reviewed)`,
      })),
  );
}
