import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { buildRegistry, type BuildRegistryResult } from "../build/build-registry.ts";
import { approve, createFixtureWorkspace } from "../testing/fixture-workspace.ts";

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 1×1 blue PNG, so the browser test can check the icon really decodes. */
function onePixelPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.from([0, 0x1d, 0x4a, 0xff]))), chunk("IEND", Buffer.alloc(0))]);
}

/**
 * Builds a small catalog with the site for tests: alpha (official stable transformation with an icon
 * and a source link, configured, an older revoked version in its changelog), beta (community
 * destination, current version revoked), gamma (scheduled, deprecated in favour of delta), delta
 * (alpha example).
 */
export async function buildSiteFixture(): Promise<BuildRegistryResult & { root: string }> {
  const root = await createFixtureWorkspace(
    [
      {
        slug: "alpha",
        manifest: {
          name: "Alpha Enricher",
          description: "Adds `alpha` properties to <every> event.",
          maintainer: "official",
          url: "https://github.com/acme/connectors/tree/main/plugins/alpha",
          icon: "logo.png",
          categories: ["enrichment", "transformation"],
          allowedHosts: ["api.alpha.example"],
          config: [
            { key: "apiKey", name: "API key", type: "string", required: true, secret: true, hint: "From the Alpha dashboard." },
            { key: "region", name: "Region", type: "choice", choices: ["eu", "us"], default: "eu" },
            { key: "endpoint", name: "Endpoint", type: "string", required_if: [["region", "us"]], hint: "Only for the US region." },
          ],
        },
      },
      { slug: "beta", manifest: { name: "Beta Export", description: "Sends events to Beta.", categories: ["destination"], config: [] }, code: "export async function onEvent(event: unknown) {\n  void event;\n}\n" },
      {
        slug: "gamma",
        version: "0.4.0",
        manifest: { name: "Gamma Sync", description: "Imports Gamma users every minute.", maintainer: "official", categories: ["import"], status: "deprecated", deprecation: { date: "2026-02-01", replacement: "delta", reason: "Gamma retired its v1 API" }, config: [] },
        code: "export async function runEveryMinute() {}\n",
      },
      { slug: "delta", version: "0.1.0", manifest: { name: "Delta Example", description: "A template that tags events.", maintainer: "official", categories: ["example", "transformation"], status: "alpha", config: [] } },
    ],
    {
      approved: [approve("alpha", "0.9.0"), approve("alpha"), { ...approve("beta"), reviewDigest: `sha256:${"ab".repeat(32)}` }, approve("gamma", "0.4.0"), { ...approve("delta", "0.1.0"), example: true }],
      revoked: [
        { slug: "alpha", version: "0.9.0", reason: "logged the API key", revokedAt: "2026-01-03T00:00:00Z" },
        { slug: "beta", version: "1.0.0", reason: "sends events to the wrong host", revokedAt: "2026-01-04T00:00:00Z" },
      ],
    },
  );
  await writeFile(join(root, "plugins/alpha/logo.png"), onePixelPng());
  await writeFile(join(root, "plugins/alpha/CHANGELOG.md"), "# posthog-alpha-plugin\n\n## 1.0.0\n\n### Major Changes\n\n- Region choice (`eu` or `us`).\n\n## 0.9.0\n\n- First release.\n");
  const result = await buildRegistry({ root, env: { SOURCE_DATE_EPOCH: "1767225600" }, skipTests: true, cacheDir: false, reviewer: false });
  return { ...result, root };
}
