import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestCityDatabase, writeTarGz, writeZip } from "@connectors/harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "./main.ts";
import { pgServerUrl, redisServerUrl } from "@connectors/testkit";

const redis = await redisServerUrl();
const pg = await pgServerUrl();

const ROOT = join(import.meta.dirname, "../../..");
let server: Server;
let base = "";

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string; json: any }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: ROOT });
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { code, stdout, stderr, json };
}

const manifest = JSON.stringify({ name: "Geo", main: "index.js", config: [] });
const code = "exports.processEvent = async (e, { geoip, cache }) => { const c = await geoip.locate(e.properties.$ip); await cache.incr('n'); return { ...e, properties: { ...e.properties, $geoip_country_code: c?.country?.isoCode ?? null } } }";

beforeAll(async () => {
  const routes = new Map<string, Buffer>([
    ["/acme/geo/archive/HEAD.zip", writeZip({ "geo-main/plugin.json": manifest, "geo-main/index.js": code })],
    ["/pkg/geo-1.0.0.tgz", writeTarGz({ "package/plugin.json": manifest, "package/index.js": code })],
  ]);
  server = createServer((req, res) => {
    const body = routes.get(req.url ?? "");
    res.statusCode = body ? 200 : 404;
    res.end(body ?? "not found");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("connectors install", () => {
  it("installs a GitHub repository through --github into --into", async () => {
    const into = mkdtempSync(join(tmpdir(), "cli-install-"));
    const { code, json } = await cli("install", "https://github.com/acme/geo", "--github", base, "--into", into, "--json");
    expect(code).toBe(0);
    expect(json).toMatchObject({ ok: true, slug: "geo", files: ["index.js", "plugin.json", ".install.json"] });
    expect(readdirSync(into)).toEqual(["geo"]);
  });

  it("fails with exit 1 and a clear message for an archive without plugin.json", async () => {
    const into = mkdtempSync(join(tmpdir(), "cli-install-"));
    const { code, json } = await cli("install", "https://github.com/acme/missing", "--github", base, "--into", into, "--json");
    expect(code).toBe(1);
    expect(json.error.message).toMatch(/^Cannot install GitHub acme\/missing: downloading .* answered HTTP 404/);
    expect(readdirSync(into)).toEqual([]);
  });
});

describe("connectors run <source> with backends", () => {
  it("runs an archive URL with --geoip", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "cli-geo-")), "City.mmdb");
    writeFileSync(db, createTestCityDatabase());
    const event = JSON.stringify({ event: "e", distinct_id: "u", team_id: 2, properties: { $ip: "89.160.20.129" } });
    const { code, json } = await cli("run", `${base}/pkg/geo-1.0.0.tgz`, "--geoip", db, "--event", event, "--json");
    expect(code).toBe(0);
    expect(json.result.properties.$geoip_country_code).toBe("SE");
  });

  it("refuses an unknown --cache scheme and an unreachable Redis clearly", async () => {
    expect((await cli("run", "hello-world", "--cache", "memcached://x", "--json")).json.error.message).toMatch(/--cache takes memory or a redis:\/\/ URL/);
    expect((await cli("run", "hello-world", "--cache", "redis://127.0.0.1:1", "--json")).json.error.message).toMatch(/Cannot connect to the Redis cache at redis:\/\/127.0.0.1:1/);
  });

  it.runIf(redis && pg)("keeps cache in Redis and storage in PostgreSQL (--cache / --storage)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-backends-"));
    writeFileSync(join(dir, "plugin.json"), JSON.stringify({ name: "Counter", config: [] }));
    writeFileSync(join(dir, "index.js"), `exports.processEvent = async (e, { cache, storage }) => { const n = await cache.incr('runs-${process.pid}'); const s = (await storage.get('runs', 0)) + 1; await storage.set('runs', s); return { ...e, properties: { n, s } } }`);
    const first = await cli("run", dir, "--cache", redis!, "--storage", pg!, "--json");
    const second = await cli("run", dir, "--cache", redis!, "--storage", pg!, "--json");
    expect(first.code).toBe(0);
    expect(second.json.result.properties.n).toBe(first.json.result.properties.n + 1);
    expect(second.json.result.properties.s).toBe(first.json.result.properties.s + 1);
  });

  it("installs a deprecated connector with a warning naming its replacement", async () => {
    const source = mkdtempSync(join(tmpdir(), "cli-deprecated-"));
    writeFileSync(join(source, "plugin.json"), JSON.stringify({ name: "Old", main: "index.js", config: [], status: "deprecated", deprecation: { date: "2026-11-01", replacement: "geoip", reason: "merged into geoip" } }));
    writeFileSync(join(source, "index.js"), "exports.processEvent = (e) => e;\n");
    const into = mkdtempSync(join(tmpdir(), "cli-install-"));
    const plain = await cli("install", source, "--into", into, "--name", "old");
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe("warning: old is deprecated since 2026-11-01 (merged into geoip): install geoip instead (`connectors install geoip`).\n");
    const { json } = await cli("install", source, "--into", into, "--name", "old", "--force", "--json");
    expect(json.warnings).toEqual([expect.stringMatching(/^old is deprecated since 2026-11-01/)]);
  });

  it("installs a PostHog-era plugin.json with its quirks as warnings naming each field, never showing the secret default (lenient-manifest)", async () => {
    const fixture = join(ROOT, "tooling/legacy-fixtures/connectors/lenient-manifest");
    const tgz = join(mkdtempSync(join(tmpdir(), "cli-lenient-")), "lenient-manifest-plugin-0.0.1.tgz");
    writeFileSync(tgz, writeTarGz(Object.fromEntries(readdirSync(fixture).map((name) => [`package/${name}`, readFileSync(join(fixture, name), "utf8")]))));
    const into = mkdtempSync(join(tmpdir(), "cli-install-"));
    const plain = await cli("install", tgz, "--into", into);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^installed lenient-manifest \(Lenient manifest, 3 files\)/);
    expect(plain.stderr).toMatch(/^warning: plugin\.json \/url: "url" is not a URL \("TODO"\); it is ignored \(PostHog accepted this; the official catalog does not\) Fix: /m);
    expect(plain.stderr).toMatch(/^warning: plugin\.json \/config\/1\/default: secret field "apiKey" has a non-empty default/m);
    const { code, json, stdout, stderr } = await cli("install", tgz, "--into", into, "--force", "--json");
    expect(code).toBe(0);
    expect(json.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^plugin\.json \/config\/3\/type: unknown field type "number"/), expect.stringMatching(/^plugin\.json \/config\/3\/placeholder: /)]));
    expect(plain.stdout + plain.stderr + stdout + stderr).not.toContain("sk_default_0f1e2d3c");
  });
});
