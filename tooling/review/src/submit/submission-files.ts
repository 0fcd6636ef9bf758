import { HOST_MODULES, renderPackageScaffold, type PackageSnapshot } from "@connectors/harness";
import { configFields } from "@connectors/plugin-api";
import type { Capabilities } from "../analysis/capabilities.ts";

/** Files of the source package that never come along: lockfiles, installed or CI folders, editor and VCS litter. */
const LEFT_OUT = /^(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|npm-shrinkwrap\.json|\.npmrc|\.npmignore|\.gitignore|\.gitattributes|\.nvmrc|\.github\/.*|node_modules\/.*|dist\/.*|coverage\/.*|\.vscode\/.*|\.idea\/.*)$/;
/** Files the repository writes in its own shape, whatever the source had. */
const REPLACED = new Set(["package.json", "tsconfig.json", "vitest.config.ts", "vitest.config.js", "jest.config.js", "jest.config.ts", "babel.config.js", ".babelrc"]);
const TEST_FILE = /(^|\/)(__tests__\/|[^/]+\.(test|spec)\.[cm]?[jt]sx?$)/;
const SEMVER = /^\d+\.\d+\.\d+(-[\w.]+)?$/;

/** What {@link submissionFiles} needs to know about the connector. */
export interface SubmissionInput {
  slug: string;
  snapshot: PackageSnapshot;
  capabilities: Capabilities;
  /** How the report and files name where it came from (`npm posthog-x-plugin@1.0.0`). */
  label: string;
  /** Workspace package names: a dependency on one becomes `workspace:*`. */
  workspacePackages: readonly string[];
}

function record(value: unknown): Record<string, string> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, string>) : {};
}

/** The connector's own runtime dependencies, the way this repository takes them. */
function dependenciesOf(snapshot: PackageSnapshot, workspace: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, range] of Object.entries(record(snapshot.packageJson?.dependencies))) {
    if (HOST_MODULES.includes(name)) continue;
    out[name] = workspace.has(name) ? "workspace:*" : String(range);
  }
  return out;
}

function packageJsonOf(input: SubmissionInput, generated: string): string {
  const theirs = input.snapshot.packageJson ?? {};
  const pkg = JSON.parse(generated) as Record<string, unknown>;
  const version = typeof theirs.version === "string" && SEMVER.test(theirs.version) ? theirs.version : pkg.version;
  const dependencies = dependenciesOf(input.snapshot, new Set(input.workspacePackages));
  return `${JSON.stringify({
    ...pkg,
    version,
    description: typeof theirs.description === "string" && theirs.description ? theirs.description : pkg.description,
    license: typeof theirs.license === "string" ? theirs.license : pkg.license,
    author: theirs.author ?? pkg.author,
    main: input.snapshot.main,
    files: [...new Set([input.snapshot.main, "plugin.json", "README.md", "CHANGELOG.md", ...(input.snapshot.manifest.icon && !/^https?:/.test(input.snapshot.manifest.icon) ? [input.snapshot.manifest.icon] : [])])],
    ...(Object.keys(dependencies).length ? { dependencies } : {}),
  }, null, 2)}\n`;
}

/**
 * The files of `plugins/<slug>` for a submitted connector, and its changeset: the package's own files
 * (lockfiles, installed folders, CI and editor files left out; its package.json and tool configs
 * rewritten in the repository's shape, lifecycle scripts dropped), plus the import scaffold for what
 * it lacks (a test, README, CHANGELOG). Hooks come from static analysis: nothing is run.
 */
export function submissionFiles(input: SubmissionInput): { files: Map<string, Buffer>; changeset: { path: string; text: string } } {
  const { snapshot, slug } = input;
  const manifest = snapshot.manifest;
  const fields = configFields(manifest);
  const requiredKeys = fields.filter((field) => field.required === true && field.default === undefined).map((field) => field.key);
  const methods = input.capabilities.hooks;
  const scaffold = renderPackageScaffold({
    slug,
    name: manifest.name,
    description: manifest.description ?? `${manifest.name}, submitted from ${input.label}.`,
    mainName: snapshot.main.endsWith(".js") ? "index.js" : "index.ts",
    methods,
    config: Object.fromEntries(requiredKeys.map((key) => [key, "example"])),
    requiredKeys,
    warnings: [],
    origin: { text: `submitted from ${input.label}`, command: "connectors submit" },
  });
  const files = new Map<string, Buffer>();
  for (const [path, bytes] of snapshot.files) if (!LEFT_OUT.test(path) && !REPLACED.has(path)) files.set(path, bytes);
  const hasTests = [...files.keys()].some((path) => TEST_FILE.test(path));
  files.set("package.json", Buffer.from(packageJsonOf(input, scaffold.files["package.json"])));
  files.set("tsconfig.json", Buffer.from(scaffold.files["tsconfig.json"]));
  files.set("vitest.config.ts", Buffer.from(scaffold.files["vitest.config.ts"]));
  if (!hasTests) files.set("index.test.ts", Buffer.from(scaffold.files["index.test.ts"]));
  if (!files.has("README.md")) files.set("README.md", Buffer.from(scaffold.files["README.md"]));
  if (!files.has("CHANGELOG.md")) files.set("CHANGELOG.md", Buffer.from(scaffold.files["CHANGELOG.md"]));
  return { files, changeset: scaffold.changeset };
}
