import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildRegistry, type BuildRegistryResult } from "../build/build-registry.ts";
import { approve, createFixtureWorkspace } from "../testing/fixture-workspace.ts";

/**
 * Builds a small catalog with the site for tests: alpha (transformation, configured, an older revoked
 * version in its changelog), beta (destination, current version revoked), gamma (scheduled).
 */
export async function buildSiteFixture(): Promise<BuildRegistryResult & { root: string }> {
  const root = await createFixtureWorkspace(
    [
      {
        slug: "alpha",
        manifest: {
          name: "Alpha Enricher",
          description: "Adds `alpha` properties to <every> event.",
          categories: ["enrichment"],
          allowedHosts: ["api.alpha.example"],
          config: [
            { key: "apiKey", name: "API key", type: "string", required: true, secret: true, hint: "From the Alpha dashboard." },
            { key: "region", name: "Region", type: "choice", choices: ["eu", "us"], default: "eu" },
            { key: "endpoint", name: "Endpoint", type: "string", required_if: [["region", "us"]], hint: "Only for the US region." },
          ],
        },
      },
      { slug: "beta", manifest: { name: "Beta Export", description: "Sends events to Beta.", config: [] }, code: "export async function onEvent(event: unknown) {\n  void event;\n}\n" },
      { slug: "gamma", manifest: { name: "Gamma Sync", description: "Imports Gamma users every minute.", config: [] }, code: "export async function runEveryMinute() {}\n" },
    ],
    {
      approved: [approve("alpha", "0.9.0"), approve("alpha"), { ...approve("beta"), reviewDigest: `sha256:${"ab".repeat(32)}` }, approve("gamma")],
      revoked: [
        { slug: "alpha", version: "0.9.0", reason: "logged the API key", revokedAt: "2026-01-03T00:00:00Z" },
        { slug: "beta", version: "1.0.0", reason: "sends events to the wrong host", revokedAt: "2026-01-04T00:00:00Z" },
      ],
    },
  );
  await writeFile(join(root, "plugins/alpha/CHANGELOG.md"), "# posthog-alpha-plugin\n\n## 1.0.0\n\n### Major Changes\n\n- Region choice (`eu` or `us`).\n\n## 0.9.0\n\n- First release.\n");
  const result = await buildRegistry({ root, env: { SOURCE_DATE_EPOCH: "1767225600" }, skipTests: true, cacheDir: false });
  return { ...result, root };
}
