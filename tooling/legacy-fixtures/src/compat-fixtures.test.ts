import { main } from "@connectors/cli";
import { describe, expect, it } from "vitest";
import { legacyConnectorDir } from "./index.ts";

/** Runs `connectors <args> --json` in-process (optionally `--sandbox`) and returns the exit code and output. */
async function connectors(mode: Mode, ...args: string[]): Promise<{ code: number; out: any; text: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main([...args, ...(mode === "sandbox" ? ["--sandbox"] : []), "--json"], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd() });
  return { code, out: stdout ? JSON.parse(stdout) : undefined, text: stdout + stderr };
}

type Mode = "in-process" | "sandbox";
const MODES: Mode[] = ["in-process", "sandbox"];
const json = (value: unknown) => JSON.stringify(value);

describe.each(MODES)("compatibility fixtures run %s", (mode) => {
  it("runs a connector whose plugin.json has the quirks PostHog accepted, warning about each, secret default redacted (lenient-manifest)", async () => {
    const { code, out, text } = await connectors(mode, "run", legacyConnectorDir("lenient-manifest"));
    expect(code).toBe(0);
    expect(out.result.properties).toMatchObject({ tagged_by: "lenient-manifest", batch_size: 10 });
    const warnings = out.logs.filter((l: any) => l.level === "warn").map((l: any) => l.message);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^plugin\.json \/url: "url" is not a URL/),
        expect.stringMatching(/^plugin\.json \/config\/1\/default: secret field "apiKey" has a non-empty default/),
        expect.stringMatching(/^plugin\.json \/config\/3\/type: unknown field type "number"/),
        expect.stringMatching(/^plugin\.json \/config\/3\/placeholder/),
      ]),
    );
    expect(out.logs.map((l: any) => l.message)).toContain("configured with key [REDACTED] in eu");
    expect(text).not.toContain("sk_default_0f1e2d3c");
  });

  it("keeps sloppy-mode CommonJS sloppy: implicit globals and a global `this` (sloppy-globals)", async () => {
    const event = json({ uuid: "01932f3c-0000-7000-8000-000000000042", event: "clicked", distinct_id: "1", team_id: 2, ip: null, site_url: "", now: "2024-01-01T00:00:00Z", timestamp: "2024-01-01T00:00:00Z", properties: {} });
    const { code, out } = await connectors(mode, "run", legacyConnectorDir("sloppy-globals"), "--config", json({ limit: "2" }), "--event", `[${event},${event.replace("clicked", "scrolled")},${event.replace("clicked", "left")}]`);
    expect(code).toBe(0);
    expect(out.result.map((e: any) => e.properties.recent_events)).toEqual([["clicked"], ["clicked", "scrolled"], ["scrolled", "left"]]);
    expect(out.result.at(-1).properties.seen_count).toBeGreaterThanOrEqual(3);
  });

  it("flushes @posthog/plugin-contrib buffers at teardown, so a buffering connector sends what it holds (contrib-buffer)", async () => {
    const url = "https://hooks.example.com/batch";
    const { code, out } = await connectors(mode, "run", legacyConnectorDir("contrib-buffer"), "--hook", "onEvent", "--config", json({ webhookUrl: url }), "--responses", json([{ method: "POST", url, status: 202, json: {} }]));
    expect(code).toBe(0);
    expect(out.errors).toEqual([]);
    expect(out.requests).toMatchObject([{ method: "POST", url, status: 202 }]);
    expect(JSON.parse(out.requests[0].body).batch).toHaveLength(1);
    expect(out.logs.map((l: any) => l.message)).toContain("sent 1 events: 202");
  });

  it("points posthog.api at another host with --posthog-host, keys from the environment and redacted (api-annotations)", async () => {
    const host = "https://posthog.internal.example";
    const previous = process.env.POSTHOG_PERSONAL_API_KEY;
    process.env.POSTHOG_PERSONAL_API_KEY = "phx_fixture_personal_key";
    try {
      const responses = [{ method: "POST", url: `${host}/api/projects/@current/annotations/*`, status: 201, json: { id: 77 } }];
      const { code, out, text } = await connectors(mode, "run", legacyConnectorDir("api-annotations"), "--hook", "runEveryHour", "--config", json({ release: "v2" }), "--posthog-host", host, "--responses", json(responses));
      expect(code, text).toBe(0);
      expect(out.requests).toMatchObject([{ method: "POST", url: expect.stringMatching(`^${host}/api/projects/@current/annotations/`), status: 201, headers: { authorization: "[REDACTED]" } }]);
      expect(out.logs.map((l: any) => l.message)).toContain("annotation 77 (201)");
      expect(text).not.toContain("phx_fixture_personal_key");
      expect((await connectors(mode, "run", legacyConnectorDir("api-annotations"), "--hook", "runEveryHour", "--posthog-host", "not a url")).text).toContain("--posthog-host must be a URL");
    } finally {
      if (previous === undefined) delete process.env.POSTHOG_PERSONAL_API_KEY;
      else process.env.POSTHOG_PERSONAL_API_KEY = previous;
    }
  });

  it("says in the logs that no GeoIP database is loaded when run without --geoip (geoip-enrich)", async () => {
    const event = json({ uuid: "01932f3c-0000-7000-8000-000000000042", event: "$pageview", distinct_id: "1", team_id: 2, ip: "89.160.20.129", site_url: "", now: "2024-01-01T00:00:00Z", timestamp: "2024-01-01T00:00:00Z", properties: {} });
    const { code, out } = await connectors(mode, "run", legacyConnectorDir("geoip-enrich"), "--event", event);
    expect(code).toBe(0);
    const warnings = out.logs.filter((l: any) => l.level === "warn" && l.message.startsWith("meta.geoip.locate: no GeoIP database is loaded"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toContain("--geoip FILE.mmdb");
  });
});

describe("connectors validate on a third-party directory", () => {
  const issuesOf = (out: any, severity: string) => out.issues.filter((i: any) => i.severity === severity).map((i: any) => i.path);

  it("applies the legacy leniency run and install apply: PostHog-accepted quirks are warnings (lenient-manifest)", async () => {
    const { code, out } = await connectors("in-process", "validate", legacyConnectorDir("lenient-manifest"));
    expect(code).toBe(0);
    expect(out.ok).toBe(true);
    expect(issuesOf(out, "error")).toEqual([]);
    expect(issuesOf(out, "warning")).toEqual(expect.arrayContaining(["/url", "/config/1/default", "/config/3/type", "/license", "/author"]));
  });

  it("applies the catalog's rules with --official", async () => {
    const { code, out } = await connectors("in-process", "validate", legacyConnectorDir("lenient-manifest"), "--official");
    expect(code).toBe(1);
    expect(issuesOf(out, "error")).toEqual(expect.arrayContaining(["/url"]));
  });
});

describe.each(MODES)("a TypeScript connector whose main names its uncommitted build output, %s", (mode) => {
  it("runs index.ts for a missing \"main\": \"index.js\" and says so (ts-built-main)", async () => {
    const event = JSON.stringify({ event: "$pageview", distinct_id: "d", team_id: 1, uuid: "01932f3c-0000-7000-8000-000000000009", properties: { $pathname: "/pricing//" } });
    const { code, out } = await connectors(mode, "run", legacyConnectorDir("ts-built-main"), "--event", event);
    expect(code).toBe(0);
    expect(out.result.properties.$pathname).toBe("/pricing");
    expect(out.logs.map((l: any) => l.message)).toContain('plugin.json /main: "index.js" is not in the package (it is the build output of index.ts); running index.ts (PostHog accepted this; the official catalog does not)');
  });
});
