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
});
