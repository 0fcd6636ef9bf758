import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A connector to write into a fixture workspace (tests and benchmarks). */
export interface FixtureConnector {
  slug: string;
  version?: string;
  /** Directory name under plugins/ (default: the slug). */
  dir?: string;
  /** plugin.json content; a string is written as is (for invalid JSON). */
  manifest?: Record<string, unknown> | string;
  code?: string;
  packageName?: string;
  /** More files of the package, by path relative to its directory (e.g. `index.test.ts`). */
  files?: Record<string, string>;
}

/**
 * Writes a throwaway repository root with plugins/<slug>/ and registry/approved.json, for tests and
 * synthetic benchmarks (e.g. 1,000 connectors built with `skipTests`); returns its path.
 *
 * @example
 * const root = await createFixtureWorkspace([{ slug: "alpha" }], { approved: [approve("alpha")] });
 * await buildRegistry({ root, skipTests: true });
 */
export async function createFixtureWorkspace(connectors: FixtureConnector[], approvals: { approved: unknown[]; revoked?: unknown[] }): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "registry-fixture-"));
  for (const c of connectors) {
    const dir = join(root, "plugins", c.dir ?? c.slug);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: c.packageName ?? `posthog-${c.slug}-plugin`, version: c.version ?? "1.0.0", type: "module" }));
    const manifest = c.manifest ?? { name: `The ${c.slug} connector`, description: `Does ${c.slug} things.`, config: [{ key: "apiKey", type: "string", required: true, secret: true }] };
    await writeFile(join(dir, "plugin.json"), typeof manifest === "string" ? manifest : JSON.stringify(manifest));
    await writeFile(join(dir, "index.ts"), c.code ?? "export function processEvent(event: { properties?: object }) {\n  return { ...event, properties: { ...event.properties, seen: true } };\n}\n");
    await writeFile(join(dir, "CHANGELOG.md"), `# posthog-${c.slug}-plugin\n`);
    for (const [path, text] of Object.entries(c.files ?? {})) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
  }
  await mkdir(join(root, "registry"), { recursive: true });
  await writeFile(join(root, "registry/approved.json"), JSON.stringify({ revoked: [], ...approvals }));
  return root;
}

/** An approval record for slug@version, approved by "alice" (tests and benchmarks). */
export function approve(slug: string, version = "1.0.0"): Record<string, string> {
  return { slug, version, approvedBy: "alice", approvedAt: "2026-01-02T03:04:05Z" };
}
