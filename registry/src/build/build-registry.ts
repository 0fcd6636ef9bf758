import { join, relative } from "node:path";
import { formatIssues } from "@connectors/plugin-api";
import { signDetached, type Catalog, type CatalogEntry } from "@connectors/registry-client";
import { readApprovals } from "../approvals/read-approvals.ts";
import { findConnectors } from "../discover/find-connectors.ts";
import { selectApproved } from "../discover/select-approved.ts";
import { RegistryBuildError, type ConnectorFailure } from "../errors.ts";
import { stableJson } from "../json/stable-json.ts";
import { loadSigningKey, type SigningKey } from "../sign/load-signing-key.ts";
import { buildConnector, type BuiltConnector } from "./build-connector.ts";
import { readGenerationInfo } from "./generation-info.ts";
import { mapLimit } from "./map-limit.ts";
import { createTurboChecker, type ConnectorChecker } from "./run-connector-checks.ts";
import { toPluginsJson } from "./to-plugins-json.ts";
import { REGISTRY_SCHEMA_ID, validateCatalog } from "./validate-catalog.ts";
import { writeDist } from "./write-dist.ts";
import { buildSite } from "../site/build-site.ts";

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
  signingKey?: SigningKey;
  env?: NodeJS.ProcessEnv;
  /** Connectors bundled in parallel (default 4). */
  concurrency?: number;
  /** Bundle cache directory (default `<root>/node_modules/.cache/connectors-registry`); `false` disables it. */
  cacheDir?: string | false;
}

/** What a build published. */
export interface BuildRegistryResult {
  catalog: Catalog;
  outDir: string;
  /** Relative paths written to outDir, sorted. */
  files: string[];
  /** What was left out and why (unapproved versions, approvals for unknown slugs). */
  notes: string[];
  signingKey: SigningKey;
}

function resolverFor(baseUrl: string | undefined): (path: string) => string {
  if (!baseUrl) return (path) => path;
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  return (path) => new URL(path, base).href;
}

async function buildAll(approved: Parameters<typeof buildConnector>[0][], resolve: (p: string) => string, concurrency: number, cacheDir: string | undefined) {
  const failures: ConnectorFailure[] = [];
  const built = await mapLimit(approved, concurrency, async (c) => {
    try {
      return await buildConnector(c, resolve, cacheDir);
    } catch (error) {
      failures.push({ connector: `${c.slug}@${c.version}`, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  });
  return { built: built.filter((b): b is BuiltConnector => b !== undefined), failures };
}

/**
 * `pnpm registry build`: reads approved.json, finds the connectors under plugins/, and for every
 * approved version validates plugin.json, runs its tests and conformance, bundles it, and writes
 * dist/ (registry.json, registry.json.sig, registry.pub.pem, plugins.json, bundles/, changelogs/,
 * icons/, and the catalog site: index.html + connectors/<slug>.html). Deterministic: same commit, same bytes. Nothing is written when any connector fails.
 *
 * @throws ApprovalsError for an invalid approved.json
 * @throws RegistryBuildError naming every connector that failed and why
 */
export async function buildRegistry(options: BuildRegistryOptions): Promise<BuildRegistryResult> {
  const root = options.root;
  const outDir = options.outDir ?? join(root, "registry/dist");
  const approvals = await readApprovals(options.approvalsFile ?? join(root, "registry/approved.json"));
  const found = await findConnectors(options.pluginsDir ?? join(root, "plugins"), root);
  const { approved, notes } = selectApproved(found.connectors, approvals);
  const failures = [...found.failures];
  if (!options.skipTests && failures.length === 0) failures.push(...(await (options.checker ?? createTurboChecker(root))(approved)));
  const resolve = resolverFor(options.baseUrl);
  const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? join(root, "node_modules/.cache/connectors-registry"));
  const { built, failures: buildFailures } = await buildAll(approved, resolve, options.concurrency ?? 4, cacheDir);
  failures.push(...buildFailures);
  if (failures.length) throw new RegistryBuildError(failures.sort((a, b) => (a.connector < b.connector ? -1 : 1)));
  const signingKey = options.signingKey ?? loadSigningKey(options.env);
  const generation = readGenerationInfo(root, options.env);
  const catalog: Catalog = {
    $schema: REGISTRY_SCHEMA_ID,
    schemaVersion: 1,
    generated: { ...generation, keyId: signingKey.keyId, ...(signingKey.isTestKey ? { testKey: true } : {}) },
    connectors: built.map((b) => b.entry).sort((a: CatalogEntry, b: CatalogEntry) => (a.slug < b.slug ? -1 : 1)),
    revoked: approvals.revoked
      .map(({ slug, version, reason, revokedAt }) => ({ slug, version, reason, revokedAt }))
      .sort((a, b) => (a.slug === b.slug ? (a.version < b.version ? -1 : 1) : a.slug < b.slug ? -1 : 1)),
  };
  const check = validateCatalog(catalog);
  if (!check.ok) throw new RegistryBuildError([{ connector: relative(root, outDir) + "/registry.json", message: `does not match registry.schema.json (a generator bug):\n${formatIssues(check.issues)}` }]);
  const registryText = Buffer.from(stableJson(catalog));
  const files = new Map<string, Buffer | string>(built.flatMap((b) => [...b.files]));
  files.set("registry.json", registryText);
  files.set("registry.json.sig", signDetached(registryText, signingKey.privateKey));
  files.set("registry.pub.pem", signingKey.publicPem);
  files.set("plugins.json", stableJson(toPluginsJson(catalog, resolve, new Map(built.map((b) => [b.entry.slug, b.homepage])))));
  const changelogs = new Map(catalog.connectors.flatMap((e) => (files.has(`changelogs/${e.slug}.md`) ? [[e.slug, String(files.get(`changelogs/${e.slug}.md`))] as const] : [])));
  for (const [path, html] of buildSite(catalog, changelogs)) files.set(path, html);
  await writeDist(outDir, files);
  return { catalog, outDir, files: [...files.keys()].sort(), notes, signingKey };
}
