import { HOST_MODULES } from "@connectors/harness";
import type { ConnectorContext, Finding } from "../../types.ts";

const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] as const;
/** npm and pnpm lifecycle scripts that run on install, pack or publish (npm docs, "Life Cycle Scripts"). */
const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall", "preprepare", "prepare", "postprepare", "prepublish", "prepublishOnly", "prepack", "postpack", "dependencies"] as const;
const REGISTRY_RANGE = /^(workspace:|catalog:|npm:)?[\w.^~<>=*|\s-]*$/;

function record(value: unknown): Record<string, string> {
  return typeof value === "object" && value !== null ? (value as Record<string, string>) : {};
}

function installScripts(manifest: Record<string, unknown> | undefined): string[] {
  const scripts = record(manifest?.scripts);
  return INSTALL_SCRIPTS.filter((name) => typeof scripts[name] === "string");
}

/** A workspace package named with a registry range: the registry's same-named package would be installed instead of ours. */
function registryCopiesOfWorkspacePackages(ctx: ConnectorContext, file: string): Finding[] {
  const workspace = new Set(ctx.workspacePackages);
  return DEPENDENCY_FIELDS.flatMap((field) =>
    Object.entries(record(ctx.packageJson?.[field]))
      .filter(([name, range]) => workspace.has(name) && !String(range).startsWith("workspace:"))
      .map(([name, range]): Finding => ctx.origin === "external"
        ? { rule: "security/new-dependencies", category: "security", severity: "info", file, message: `${field} \`${name}@${range}\` is a workspace package of this repository`, fix: `\`connectors submit\` takes it as "${name}": "workspace:*"` }
        : { rule: "security/new-dependencies", category: "security", severity: "error", file, message: `${field} \`${name}\` is a workspace package of this repository, but \`${range}\` takes it from a registry (whoever publishes that name there decides what runs)`, fix: `depend on it as "${name}": "workspace:*"` }),
  );
}

/**
 * Lists dependencies the PR adds (a human must vet each), and flags install scripts (the connector's
 * own, or an added dependency's as installed), dependencies fetched outside the registry, and
 * workspace packages taken from a registry instead of `workspace:*`.
 */
export function checkNewDependencies(ctx: ConnectorContext): Finding[] {
  if (!ctx.packageJson) return [];
  const file = `${ctx.dir}/package.json`;
  const found: Finding[] = registryCopiesOfWorkspacePackages(ctx, file);
  for (const script of installScripts(ctx.packageJson)) {
    found.push({ rule: "security/new-dependencies", category: "security", severity: "error", file, message: `package.json has a \`${script}\` script, which runs on every install`, fix: "remove the install script; connectors need no build step at install time" });
  }
  for (const field of DEPENDENCY_FIELDS) {
    const before = record(ctx.base?.packageJson?.[field]);
    for (const [name, range] of Object.entries(record(ctx.packageJson[field]))) {
      if (name in before || ctx.status === "unchanged") continue;
      if (!REGISTRY_RANGE.test(String(range))) {
        found.push({ rule: "security/new-dependencies", category: "security", severity: "error", file, message: `${field} \`${name}\` comes from \`${range}\`, outside the npm registry (unpinned, unreviewable code)`, fix: "depend on a published version with an exact range" });
        continue;
      }
      if (String(range).startsWith("workspace:")) continue;
      const scripts = installScripts(ctx.installedDependencies[name]);
      if (scripts.length > 0) {
        found.push({ rule: "security/new-dependencies", category: "security", severity: "error", file, message: `new ${field} \`${name}@${range}\` runs install scripts (${scripts.join(", ")})`, fix: "choose a dependency without install scripts, or justify it for a maintainer" });
      } else if (field === "devDependencies" || name.startsWith("@types/") || HOST_MODULES.includes(name)) {
        found.push({ rule: "security/new-dependencies", category: "security", severity: "info", file, message: `new ${field} \`${name}@${range}\` (${HOST_MODULES.includes(name) ? "provided by the host at runtime" : "development only"}; not bundled)`, fix: "no action needed unless it runs code at install time" });
      } else {
        found.push({ rule: "security/new-dependencies", category: "security", severity: "warning", file, message: `new ${field} \`${name}@${range}\`: it is bundled into the connector`, fix: "a maintainer checks its licence, size, maintenance and install scripts" });
      }
    }
  }
  return found;
}
