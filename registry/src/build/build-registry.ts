import { join, relative } from "node:path";
import { formatIssues } from "@connectors/plugin-api";
import type { CatalogEntry, UnsignedCatalog } from "@connectors/registry-client";
import { readApprovals } from "../approvals/read-approvals.ts";
import { findConnectors } from "../discover/find-connectors.ts";
import { selectApproved } from "../discover/select-approved.ts";
import { RegistryBuildError, SigningKeyError, type ConnectorFailure } from "../errors.ts";
import { signingSecretNames } from "../sign/keyless-mode.ts";
import { stableJson } from "../json/stable-json.ts";
import { buildConnector, type BuildContext, type BuiltConnector } from "./build-connector.ts";
import { checkDeprecations } from "./check-deprecations.ts";
import { readGenerationInfo } from "./generation-info.ts";
import { mapLimit } from "./map-limit.ts";
import { createTurboChecker, type ConnectorChecker } from "./run-connector-checks.ts";
import { digestFiles } from "./digest-files.ts";
import { toPluginsJson } from "./to-plugins-json.ts";
import { REGISTRY_SCHEMA_ID, validateCatalog } from "./validate-catalog.ts";
import { writeDist } from "./write-dist.ts";
import { buildSite } from "../site/build-site.ts";
import { createReviewDigester, type ReviewDigester } from "../review/review-digester.ts";
import { findStaleApprovals, type ApprovalWarning } from "../review/find-stale-approvals.ts";

/** Options of {@link buildRegistry}. Paths default to the repository layout under `root`. */
export interface BuildRegistryOptions {
  /** Repository root (holds plugins/ and registry/). */
  root: string;
  pluginsDir?: string;
  approvalsFile?: string;
  outDir?: string;
  /** Public base URL of dist/ (e.g. `https://cdn.example/registry/`); without it URLs stay relative to registry.json. */
  baseUrl?: string;
  /** Skip tests and conformance (synthetic catalogs, benchmarks). Never for a published catalog. */
  skipTests?: boolean;
  /** Runs the connectors' tests; default: turbo + conformance. */
  checker?: ConnectorChecker;
  /** Read for SOURCE_DATE_EPOCH only (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Connectors bundled in parallel (default 4). */
  concurrency?: number;
  /** Bundle and review cache directory (default `<root>/node_modules/.cache/connectors-registry`); `false` disables it. */
  cacheDir?: string | false;
  /** Reviews the approved connectors to compare with their approvals (default: `@connectors/review`, cached); `false` skips the comparison (synthetic catalogs, benchmarks). */
  reviewer?: ReviewDigester | false;
}

/** What a build published. */
export interface BuildRegistryResult {
  /** The unsigned catalog written to outDir/registry.json; `registry sign` adds the `signed` block. */
  catalog: UnsignedCatalog;
  outDir: string;
  /** Relative paths written to outDir, sorted. */
  files: string[];
  /** What was left out and why (unapproved versions, approvals for unknown slugs). */
  notes: string[];
  /** Published connectors whose approval does not match their current review (also in build-report.json). */
  warnings: ApprovalWarning[];
}

function resolverFor(baseUrl: string | undefined): (path: string) => string {
  if (!baseUrl) return (path) => path;
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  return (path) => new URL(path, base).href;
}

async function buildAll(approved: Parameters<typeof buildConnector>[0][], context: BuildContext, concurrency: number) {
  const failures: ConnectorFailure[] = [];
  const built = await mapLimit(approved, concurrency, async (c) => {
    try {
      return await buildConnector(c, context);
    } catch (error) {
      failures.push({ connector: `${c.slug}@${c.version}`, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  });
  return { built: built.filter((b): b is BuiltConnector => b !== undefined), failures };
}

/** The build runs connector code: it refuses to start while this process's environment holds a signing key. */
function refuseSigningSecrets(): void {
  const held = signingSecretNames();
  if (held.length) throw new SigningKeyError(`registry build refuses to run with ${held.join(", ")} in its environment: it runs connector code. Fix: unset it for the build (\`pnpm registry build\` does), and sign in a separate step with \`pnpm registry sign\`.`);
}

/**
 * `pnpm registry build`: reads approved.json, finds the connectors under plugins/, and for every
 * approved version validates plugin.json, runs its tests and conformance, bundles it, and writes
 * dist/ (plugins.json, bundles/, changelogs/, icons/, the catalog site: index.html +
 * connectors/<slug>.html, build-report.json with the notes and the approvals that no longer match
 * their connector's current review, and the **unsigned** registry.json listing every other file's
 * size and sha256). It never holds a signing key: `registry sign` signs its output in a separate step.
 * Deterministic: same commit, same bytes. Nothing is written when any connector fails.
 *
 * @throws ApprovalsError for an invalid approved.json
 * @throws RegistryBuildError naming every connector that failed and why
 */
export async function buildRegistry(options: BuildRegistryOptions): Promise<BuildRegistryResult> {
  refuseSigningSecrets();
  const root = options.root;
  const outDir = options.outDir ?? join(root, "registry/dist");
  const approvals = await readApprovals(options.approvalsFile ?? join(root, "registry/approved.json"));
  const found = await findConnectors(options.pluginsDir ?? join(root, "plugins"), root);
  const { approved, notes } = selectApproved(found.connectors, approvals);
  const failures = [...found.failures];
  if (!options.skipTests && failures.length === 0) failures.push(...(await (options.checker ?? createTurboChecker(root))(approved)));
  const resolve = resolverFor(options.baseUrl);
  const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? join(root, "node_modules/.cache/connectors-registry"));
  const reviewer = options.reviewer ?? createReviewDigester(root, cacheDir);
  const warnings = reviewer ? findStaleApprovals(approved, await reviewer(approved)) : [];
  const generated = readGenerationInfo(root, options.env);
  const context: BuildContext = { resolve, ...(cacheDir ? { cacheDir } : {}), commit: generated.commit };
  const { built, failures: buildFailures } = await buildAll(approved, context, options.concurrency ?? 4);
  failures.push(...buildFailures, ...checkDeprecations(built.map((b) => b.entry)));
  if (failures.length) throw new RegistryBuildError(failures.sort((a, b) => (a.connector < b.connector ? -1 : 1)));
  const connectors = built.map((b) => b.entry).sort((a: CatalogEntry, b: CatalogEntry) => (a.slug < b.slug ? -1 : 1));
  const revoked = approvals.revoked
    .map(({ slug, version, reason, revokedAt }) => ({ slug, version, reason, revokedAt }))
    .sort((a, b) => (a.slug === b.slug ? (a.version < b.version ? -1 : 1) : a.slug < b.slug ? -1 : 1));
  const files = new Map<string, Buffer | string>(built.flatMap((b) => [...b.files]));
  const listing = { $schema: REGISTRY_SCHEMA_ID, schemaVersion: 2, generated, connectors, revoked, files: {} };
  files.set("plugins.json", stableJson(toPluginsJson(listing, resolve, new Map(built.map((b) => [b.entry.slug, b.homepage])))));
  const changelogs = new Map(connectors.flatMap((e) => (files.has(`changelogs/${e.slug}.md`) ? [[e.slug, String(files.get(`changelogs/${e.slug}.md`))] as const] : [])));
  for (const [path, html] of buildSite(listing, changelogs, resolve("registry.json"))) files.set(path, html);
  files.set("build-report.json", stableJson({ generated, published: connectors.map((c) => `${c.slug}@${c.version}`), notes, warnings }));
  const catalog: UnsignedCatalog = { ...listing, files: digestFiles(files) };
  const check = validateCatalog(catalog);
  if (!check.ok) throw new RegistryBuildError([{ connector: relative(root, outDir) + "/registry.json", message: `does not match registry.schema.json (a generator bug):\n${formatIssues(check.issues)}` }]);
  files.set("registry.json", stableJson(catalog));
  await writeDist(outDir, files);
  return { catalog, outDir, files: [...files.keys()].sort(), notes, warnings };
}
