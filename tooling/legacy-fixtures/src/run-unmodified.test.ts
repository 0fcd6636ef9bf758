import { main } from "@connectors/cli";
import { describe, expect, it } from "vitest";
import { legacyConnectorDir } from "./index.ts";

/** Runs `connectors <args>` in-process and returns the exit code and the parsed --json output. */
async function connectors(...args: string[]): Promise<{ code: number; out: any; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main([...args, "--json"], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd() });
  return { code, out: stdout ? JSON.parse(stdout) : undefined, stderr };
}

const json = (value: unknown) => JSON.stringify(value);
const event = (overrides: Record<string, unknown> = {}) =>
  json({ uuid: "01932f3c-0000-7000-8000-000000000042", event: "booking completed", distinct_id: "1", team_id: 2, ip: null, site_url: "", now: "2024-01-01T00:00:00Z", timestamp: "2024-01-01T00:00:00Z", properties: {}, ...overrides });

describe("legacy connectors run unmodified through `connectors run`", () => {
  it("module.exports + meta.cache (hello-world-cjs)", async () => {
    const { code, out } = await connectors("run", legacyConnectorDir("hello-world-cjs"), "--config", json({ bar: "baz!" }));
    expect(code).toBe(0);
    expect(out.result.properties).toMatchObject({ greeting: "baz!", greeting_counter: 0, random_number: 4 });
    expect(out.logs.map((l: any) => l.message)).toContain('Setting up the plugin! {"bar":"baz!"}');
  });

  it("exports.x + global fetch + cache (currency-normalization)", async () => {
    const responses = [{ method: "GET", url: "https://openexchangerates.org/api/latest.json*", status: 200, json: { rates: { EUR: 0.82, PLN: 3.6693 } } }];
    const { code, out } = await connectors("run", legacyConnectorDir("currency-normalization"), "--config", json({ openExchangeRatesApiKey: "k3y" }), "--responses", json(responses), "--event", event({ properties: { amount: "20", currency: "PLN" } }));
    expect(code).toBe(0);
    expect(out.result.properties).toMatchObject({ normalized_amount: 4.4695, normalized_currency: "EUR" });
    expect(out.requests).toHaveLength(1);
    expect(json(out)).not.toContain("k3y");
  });

  it("TypeScript with type errors, ES exports, crypto (downsampling-ts)", async () => {
    expect((await connectors("run", legacyConnectorDir("downsampling-ts"), "--config", json({ percentage: "40" }), "--event", event())).out.result).toBeNull();
    expect((await connectors("run", legacyConnectorDir("downsampling-ts"), "--config", json({ percentage: "50" }), "--event", event())).out.result).toMatchObject({ distinct_id: "1" });
  });

  it("processEventBatch only (taxonomy-batch)", async () => {
    const { out } = await connectors("run", legacyConnectorDir("taxonomy-batch"), "--config", json({ defaultNamingConvention: "snake_case" }), "--event", event({ event: "helloThereFriend" }));
    expect(out.result.event).toBe("hello_there_friend");
  });

  it("export default {...} with console.debug (url-normalizer-default)", async () => {
    const { out } = await connectors("run", legacyConnectorDir("url-normalizer-default"), "--event", event({ properties: { $current_url: "https://EXAMPLE.com/A/" } }));
    expect(out.result.properties.$current_url).toBe("https://example.com/a");
    expect(out.logs[0]).toMatchObject({ level: "debug" });
  });

  it("onEvent with global fetch and Buffer (engage-onevent)", async () => {
    const responses = [{ method: "POST", url: "https://api.engage.so/v1/users/*", status: 200, json: {} }];
    const { code, out } = await connectors("run", legacyConnectorDir("engage-onevent"), "--hook", "onEvent", "--config", json({ publicKey: "pk", secret: "sk" }), "--responses", json(responses), "--event", event({ distinct_id: "user01" }));
    expect(code).toBe(0);
    expect(out.requests).toMatchObject([{ method: "POST", url: "https://api.engage.so/v1/users/user01/events" }]);
  });

  it("exportEvents via the buffer, flushed on teardown, node-fetch import (patterns-export)", async () => {
    const url = "https://api-production.patterns.app/api/app/webhooks/wh1";
    const { code, out } = await connectors("run", legacyConnectorDir("patterns-export"), "--hook", "onEvent", "--config", json({ webhookUrl: url }), "--responses", json([{ method: "POST", url, status: 200, body: "ok" }]), "--event", event());
    expect(code).toBe(0);
    expect(out.requests).toMatchObject([{ method: "POST", url }]);
  });

  it("bare top-level runEveryMinute with global posthog (heartbeat-bare)", async () => {
    const { code, out } = await connectors("run", legacyConnectorDir("heartbeat-bare"), "--hook", "runEveryMinute");
    expect(code).toBe(0);
    expect(out.captured).toMatchObject([{ event: "heartbeat", properties: { beats_this_run: 1, beats_total: 1 } }]);
  });

  it("runEveryDay with setupPlugin, fetch and posthog.capture (follower-count)", async () => {
    const responses = [
      { method: "GET", url: "https://api.example-social.com/users/posthog", status: 200, json: {} },
      { method: "GET", url: "https://api.example-social.com/users/posthog/followers", status: 200, json: { follower_count: 1402 } },
    ];
    const { code, out } = await connectors("run", legacyConnectorDir("follower-count"), "--hook", "runEveryDay", "--config", json({ handle: "@posthog", token: "t0k" }), "--responses", json(responses));
    expect(code).toBe(0);
    expect(out.captured).toMatchObject([{ event: "social_followers", properties: { follower_count: 1402, handle: "posthog" } }]);
  });

  it("ES exports of jobs + metrics + utils.cursor (jobs-metrics-cursor)", async () => {
    const { code, out } = await connectors("run", legacyConnectorDir("jobs-metrics-cursor"), "--event", event({ event: "purchase", properties: { amount: 9 } }));
    expect(code).toBe(0);
    expect(out.result.properties.event_number).toBe(101);
    expect(out.metrics).toMatchObject({ events_counted: 1, biggest_purchase: 9 });
    expect(out.captured).toEqual([]);
  });

  it("composeWebhook (webhook-compose)", async () => {
    const { out } = await connectors("run", legacyConnectorDir("webhook-compose"), "--hook", "composeWebhook", "--config", json({ url: "https://hooks.example.com/in" }), "--event", event({ event: "signup" }));
    expect(out.result).toMatchObject({ url: "https://hooks.example.com/in", method: "POST" });
  });

  it.each([
    ["bad-exports-nothing", /Connector "bad-exports-nothing" exports nothing runnable/],
    ["bad-forbidden-import", /Cannot import 'child_process'! This package is not provided by PostHog in plugins/],
    ["bad-syntax-error", /Cannot load .*bad-syntax-error\/index.js:\n.*index.js:\d+:\d+: /],
  ])("%s fails with a clear error and exit 1", async (name, message) => {
    const { code, out } = await connectors("run", legacyConnectorDir(name));
    expect(code).toBe(1);
    expect(out.ok).toBe(false);
    expect(out.error.message).toMatch(message);
    expect(out.error.message).not.toMatch(/\n\s+at /);
  });
});
