import { describe, expect, it } from "vitest";
import { createContext } from "../testing/create-context.ts";
import { STATIC_CHECKS } from "./index.ts";

function findingsFor(files: Record<string, string>) {
  const ctx = createContext("sample", files);
  return STATIC_CHECKS.flatMap((check) => check(ctx)).filter((f) => f.category === "security" || f.category === "best-practices");
}

const manifest = (extra: object) => JSON.stringify({ name: "Sample", main: "index.ts", allowedHosts: [], config: [], ...extra });

describe("static checks on realistic connectors", () => {
  it("passes a currency normalizer that fetches a declared host with a secret key, in setupPlugin", () => {
    const findings = findingsFor({
      "plugin.json": manifest({ allowedHosts: ["openexchangerates.org"], config: [{ key: "openExchangeRatesApiKey", name: "API key", hint: "h", secret: true, required: true }] }),
      "index.ts": `
import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
const URL_BASE = "https://openexchangerates.org/api/latest.json";
export async function setupPlugin({ config, global, fetch }: PluginMeta) {
  const response = await fetch(\`\${URL_BASE}?app_id=\${config.openExchangeRatesApiKey}\`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(\`Rates request failed, see https://docs.openexchangerates.org/ for \${response.status}\`);
  global.rates = (await response.json()).rates;
}
export function processEvent(event: PluginEvent, { global }: PluginMeta) {
  const items = event.properties?.items ?? [];
  for (let i = 0; i < items.length; i++) items[i].normalized = items[i].amount / global.rates[items[i].currency];
  try { JSON.stringify(items) } catch (error) { console.warn("bad items", error) }
  return event;
}`,
    });
    expect(findings).toEqual([]);
  });

  it("passes a downsampler using node:crypto and a bounded for..of over properties", () => {
    const findings = findingsFor({
      "index.ts": `
import { createHash } from "node:crypto";
import { parseConfig } from "./lib/parse-config.ts";
export function setupPlugin(meta: any) { meta.global.config = parseConfig(meta.config); }
export function processEvent(event: any, { global }: any) {
  const hash = createHash("sha256").update(event.distinct_id).digest("hex");
  for (const key of Object.keys(event.properties ?? {})) if (key.startsWith("$")) continue;
  return parseInt(hash.slice(0, 8), 16) / 0xffffffff < global.config.percentage ? event : null;
}`,
      "lib/parse-config.ts": `export function parseConfig(config: Record<string, string>) { return { percentage: Number(config.percentage ?? "100") / 100 }; }`,
      "index.test.ts": `import { it } from "vitest"; const token = "ghp_notreallyatokenbutlongenoughxxxxxxxxxxxxxxxx"; it("x", () => { process.env.X = token; });`,
    });
    expect(findings).toEqual([]);
  });

  it("passes a UUIDv5 namespace constant and a declared npm dependency", () => {
    const findings = findingsFor({
      "package.json": JSON.stringify({ name: "posthog-sample-plugin", version: "1.0.0", description: "x", license: "MIT", author: "a", dependencies: { "detect-browser": "5.3.0" } }),
      "index.ts": `
import { detect } from "detect-browser";
const NAMESPACE = "1b671a64-40d5-491e-99b0-da01ff1f3341";
export function processEvent(event: any) { event.properties.browser = detect(event.properties.$user_agent)?.name; event.properties.ns = NAMESPACE; return event; }`,
    });
    expect(findings).toEqual([]);
  });

  it("warns about per-event logging, missing timeouts and both hooks, and errors on team_id changes", () => {
    const findings = findingsFor({
      "index.ts": `
export async function processEvent(event: any, meta: any) { console.log("got", event.event); event.team_id = 3; return event; }
export async function onEvent(event: any, { fetch }: any) { await fetch("https://api.example.com", { method: "POST" }); }`,
      "plugin.json": manifest({ allowedHosts: ["api.example.com"] }),
    });
    expect(findings.map((f) => `${f.severity} ${f.rule}`).sort()).toEqual([
      "error best-practices/team-id-mutation",
      "warning best-practices/per-event-logging",
      "warning best-practices/request-timeouts",
      "warning best-practices/single-event-hook",
    ]);
  });

  it("notes storage and cache in processEvent for the cloud policy", () => {
    const findings = findingsFor({ "index.ts": `export async function processEvent(event: any, { cache, storage }: any) { await cache.set("k", 1); await storage.get("x"); return event; }` });
    expect(findings.map((f) => `${f.severity} ${f.message}`)).toEqual([
      "info processEvent uses meta.cache, which PostHog Cloud does not allow in processEvent",
      "info processEvent uses meta.storage, which PostHog Cloud does not allow in processEvent",
    ]);
  });

  it("flags unmarked secret-looking config keys", () => {
    const ctx = createContext("sample", { "index.ts": "export function processEvent(e: any) { return e }", "plugin.json": manifest({ config: [{ key: "apiKey", name: "API key", hint: "h" }, { key: "eventName", name: "Event", hint: "h" }] }) });
    const findings = STATIC_CHECKS.flatMap((check) => check(ctx)).filter((f) => f.rule === "manifest/secret-fields");
    expect(findings.map((f) => [f.severity, f.line, f.message])).toEqual([["error", 1, 'config field "apiKey" looks like a credential but is not marked secret; its value would be shown in the UI and logs']]);
  });
});
