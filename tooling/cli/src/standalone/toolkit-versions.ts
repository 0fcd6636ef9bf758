import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** The toolkit packages a standalone connector repository installs (plus vitest, which testkit peers). */
export const STANDALONE_DEV_DEPENDENCIES = ["@connectors/cli", "@connectors/plugin-api", "@connectors/testkit", "@posthog/plugin-scaffold", "vitest"] as const;

function readVersion(packageJsonFile: string): string {
  return (JSON.parse(readFileSync(packageJsonFile, "utf8")) as { version: string }).version;
}

/**
 * Exact versions of {@link STANDALONE_DEV_DEPENDENCIES}: the ones this CLI runs with, read from the
 * installed packages (the workspace's, or the ones installed next to a published CLI), so a scaffolded
 * repository gets the toolkit the scaffolding CLI was tested with. vitest is read from where testkit
 * finds it.
 */
export function toolkitVersions(): Record<string, string> {
  const fromCli = createRequire(import.meta.url);
  const testkitPackage = fromCli.resolve("@connectors/testkit/package.json");
  const locate: Record<(typeof STANDALONE_DEV_DEPENDENCIES)[number], () => string> = {
    "@connectors/cli": () => fileURLToPath(new URL("../../package.json", import.meta.url)),
    "@connectors/plugin-api": () => fromCli.resolve("@connectors/plugin-api/package.json"),
    "@connectors/testkit": () => testkitPackage,
    "@posthog/plugin-scaffold": () => fromCli.resolve("@posthog/plugin-scaffold/package.json"),
    vitest: () => createRequire(testkitPackage).resolve("vitest/package.json"),
  };
  return Object.fromEntries(STANDALONE_DEV_DEPENDENCIES.map((name) => [name, readVersion(locate[name]())]));
}
