import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readManifest, type PluginEvent } from "@connectors/plugin-api";
import { createConnector } from "../create-connector.ts";
import { findWorkspaceRoot } from "../load/resolve-source.ts";
import { ImportError } from "./import-error.ts";
import { renderPackageScaffold, type PackageInfo } from "./package-files.ts";
import { readSourceEditor } from "./read-source-editor.ts";

/** Options of {@link importSourceEditor}. */
export interface ImportSourceOptions {
  /** The new connector's slug (package `posthog-<slug>-plugin`). */
  name: string;
  /** Workspace root (default: found from `cwd`); the package goes to `<root>/plugins/<slug>`. */
  root?: string;
  cwd?: string;
  /** Config for the sample run, the generated test and fixtures/conformance.json (default: plugin.json defaults). */
  config?: Record<string, unknown>;
  /** The sample event (default: a realistic pageview). */
  event?: PluginEvent;
  description?: string;
}

/** The package written. */
export interface ImportedConnector {
  slug: string;
  dir: string;
  files: string[];
  methods: string[];
  warnings: string[];
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const HOOK_CATEGORY: Record<string, string> = { processEvent: "transformation", onEvent: "destination", exportEvents: "destination", composeWebhook: "destination", runEveryMinute: "scheduled", runEveryHour: "scheduled", runEveryDay: "scheduled" };

function samplePageview(): PluginEvent {
  return {
    uuid: "01932f3c-0000-7000-8000-000000000001",
    event: "$pageview",
    distinct_id: "user-1",
    team_id: 2,
    ip: null,
    site_url: "https://app.example.com",
    now: "2024-05-01T12:00:00.000Z",
    timestamp: "2024-05-01T12:00:00.000Z",
    properties: { $current_url: "https://app.example.com/pricing?utm_source=newsletter", $browser: "Chrome", $os: "Mac OS X", $lib: "web", $ip: "89.160.20.129" },
  } as PluginEvent;
}

function titleCase(slug: string): string {
  return slug.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
}

/** Hosts of the absolute http(s) URLs written in the code (the connector's likely egress). */
function hostsIn(code: string): string[] {
  return [...new Set([...code.matchAll(/https?:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)].map((m) => m[1]!.toLowerCase()))].filter((h) => h !== "localhost").sort();
}

/** Makes the source load the same way in import mode: RetryError used as a global gets its import. */
function prepareCode(code: string, mainName: string, warnings: string[]): string {
  let out = code;
  if (/\bRetryError\b/.test(code) && !/import\s*\{[^}]*\bRetryError\b[^}]*\}\s*from|require\(\s*['"]@posthog\/plugin-scaffold['"]\s*\)/.test(code)) {
    out = `import { RetryError } from "@posthog/plugin-scaffold";\n${out}`;
  }
  for (const global of ["fetch", "posthog"]) {
    if (new RegExp(`(^|[^.\\w$])${global}\\s*[.(]`).test(code)) warnings.push(`Uses the global \`${global}\` as PostHog's VM provided it; prefer \`meta.${global}\` so the module also runs when imported directly.`);
  }
  if (mainName === "index.ts") out = `// @ts-nocheck -- imported from PostHog's source editor, which never type-checked; remove once this file type-checks.\n${out}`;
  return out;
}

async function sampleRun(dir: string, slug: string, config: Record<string, unknown>, event: PluginEvent) {
  const run = async () => {
    const connector = await createConnector(dir, { config, network: false });
    const methods = connector.capabilities().methods;
    let output: unknown;
    let error: string | undefined;
    if (connector.plugin.processEvent) {
      try {
        output = await connector.processEvent(structuredClone(event));
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    await connector.teardown();
    return { methods, output, error };
  };
  const first = await run();
  const second = await run();
  const deterministic = JSON.stringify(first.output) === JSON.stringify(second.output);
  void slug;
  return { ...first, deterministic };
}

/**
 * Turns a connector written in PostHog's in-browser source editor (an `index.ts`/`index.js` plus its
 * config array as JSON) into a workspace package `plugins/<slug>/`: package.json, plugin.json,
 * the code, a test generated from a sample event, fixtures, README, CHANGELOG and a changeset. The
 * code is loaded and run on the sample event first; on any failure nothing is written.
 *
 * @throws ImportError naming the source and the cause
 */
export async function importSourceEditor(sourceDir: string, options: ImportSourceOptions): Promise<ImportedConnector> {
  const cwd = options.cwd ?? process.cwd();
  const from = resolve(cwd, sourceDir);
  const slug = options.name;
  if (!SLUG.test(slug)) throw new ImportError(from, `"${slug}" is not a valid slug. Fix: --name with lowercase letters, digits and dashes, e.g. --name my-connector`);
  const root = options.root ?? findWorkspaceRoot(cwd);
  if (!root) throw new ImportError(from, "no workspace root (pnpm-workspace.yaml) above the current directory. Fix: run it inside the repository");
  const target = join(root, "plugins", slug);
  if (existsSync(target)) throw new ImportError(from, `plugins/${slug} already exists. Fix: choose another --name`);

  let files;
  try {
    files = readSourceEditor(from);
  } catch (error) {
    throw new ImportError(from, error instanceof Error ? error.message : String(error), { cause: error });
  }
  const warnings: string[] = [];
  const name = typeof files.manifest.name === "string" ? files.manifest.name : titleCase(slug);
  const description = options.description ?? (typeof files.manifest.description === "string" ? files.manifest.description : `${name}, imported from the PostHog source editor.`);
  const code = prepareCode(files.code, files.mainName, warnings);
  const staging = mkdtempSync(join(tmpdir(), `import-${slug}-`));
  try {
    const manifest: Record<string, unknown> = {
      $schema: "../../tooling/plugin-api/plugin.schema.json",
      name,
      url: `https://github.com/posthog-connectors/posthog-connectors/tree/main/plugins/${slug}`,
      description,
      main: files.mainName,
      maintainer: "community",
      categories: [],
      allowedHosts: hostsIn(files.code),
      config: files.config,
    };
    writeFileSync(join(staging, "plugin.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(staging, files.mainName), code);
    await readManifest(staging);
    const requiredKeys = files.config.filter((f) => f.required === true && typeof f.key === "string" && f.default === undefined && !f.required_if).map((f) => f.key as string);
    const config = options.config ?? Object.fromEntries(requiredKeys.map((key) => [key, "example"]));
    const event = options.event ?? samplePageview();
    const run = await sampleRun(staging, slug, config, event);
    if (run.error) throw new Error(`processEvent failed on the sample event: ${run.error}. Fix: pass a --config (and --event) it can run with`);
    manifest.categories = [...new Set(run.methods.map((m) => HOOK_CATEGORY[m]).filter(Boolean))].sort();
    writeFileSync(join(staging, "plugin.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    if (!run.deterministic) warnings.push("processEvent gives different results for the same event (time or randomness); the generated test checks only that it returns an event or null.");
    const info: PackageInfo = { slug, name, description, mainName: files.mainName, methods: run.methods, config, requiredKeys, warnings, ...(run.deterministic && run.output !== undefined ? { expected: run.output } : {}) };
    mkdirSync(join(staging, "fixtures"));
    writeFileSync(join(staging, "fixtures", "sample-event.json"), `${JSON.stringify(event, null, 2)}\n`);
    if (Object.keys(config).length) writeFileSync(join(staging, "fixtures", "conformance.json"), `${JSON.stringify({ config }, null, 2)}\n`);
    const scaffold = renderPackageScaffold(info);
    for (const [name, text] of Object.entries(scaffold.files)) writeFileSync(join(staging, name), text);
    cpSync(staging, target, { recursive: true, errorOnExist: true, force: false });
    mkdirSync(join(root, ".changeset"), { recursive: true });
    writeFileSync(join(root, scaffold.changeset.path), scaffold.changeset.text);
    const written = ["plugin.json", files.mainName, "package.json", "index.test.ts", "README.md", "CHANGELOG.md", "tsconfig.json", "vitest.config.ts", "fixtures/sample-event.json", ...(Object.keys(config).length ? ["fixtures/conformance.json"] : [])];
    return { slug, dir: target, files: written, methods: run.methods, warnings };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split(staging).join(from);
    throw new ImportError(from, message, { cause: error });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
