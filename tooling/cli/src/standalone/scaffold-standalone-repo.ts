import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { CONNECTOR_SLUG, titleFromSlug } from "../connector-slug.ts";
import { UsageError } from "../read-input.ts";
import { standaloneFiles } from "./standalone-files.ts";
import { toolkitVersions } from "./toolkit-versions.ts";

/** `posthog-foo-plugin` → `foo`; any other folder name is used as it is. */
function slugFromDir(dir: string): string {
  return basename(dir).replace(/^posthog-(.+)-plugin$/, "$1");
}

/**
 * Writes a connector repository of its own (PostHog's `posthog-<slug>-plugin` template path) into
 * `dir`: connector, test, plugin.json, package.json on the published toolkit, README, CHANGELOG,
 * .gitignore, tsconfig, vitest config and a GitHub Actions workflow. Refuses a non-empty folder.
 *
 * @param dir - the new repository's folder (created; may exist only when empty)
 * @param slug - the connector's slug; defaults to the folder name without `posthog-` / `-plugin`
 * @returns the absolute folder and the files written (relative paths)
 */
export function scaffoldStandaloneRepo(dir: string, slug: string = slugFromDir(dir)): { dir: string; files: string[] } {
  const root = resolve(dir);
  if (!CONNECTOR_SLUG.test(slug)) throw new UsageError(`"${slug}" is not a valid slug: use lower-case letters, digits and single dashes, starting with a letter (e.g. connectors new --standalone posthog-my-connector-plugin my-connector)`);
  if (existsSync(root) && readdirSync(root).length > 0) throw new UsageError(`${root} is not empty; pick a new folder for the repository`);
  const files = standaloneFiles({ slug, title: titleFromSlug(slug), versions: toolkitVersions() });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { dir: root, files: Object.keys(files) };
}
