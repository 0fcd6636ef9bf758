import { describe, expect, it } from "vitest";
import { createContext } from "../testing/create-context.ts";
import { STATIC_CHECKS } from "./index.ts";

const manifest = (extra: object) => JSON.stringify({ name: "Sample", main: "index.ts", allowedHosts: [], config: [], ...extra }, null, 2);

function findings(files: Record<string, string>, rule: string) {
  const ctx = createContext("sample", files);
  return STATIC_CHECKS.flatMap((check) => check(ctx)).filter((f) => f.rule === rule).map((f) => `${f.file.replace("plugins/sample/", "")}:${f.line} ${f.message}`);
}

/** Regression tests built from the false positives the review reported on official connectors. */
describe("precision on official connector shapes", () => {
  it("does not count an OAuth scope as a called host (bigquery, gcs, pubsub, snowflake-export)", () => {
    const files = {
      "plugin.json": manifest({ allowedHosts: ["oauth2.googleapis.com", "bigquery.googleapis.com"] }),
      "index.ts": `
import { createTokenProvider } from "@connectors/connector-kit/google";
const SCOPE = "https://www.googleapis.com/auth/bigquery";
export async function setupPlugin(meta: any) {
  meta.global.tokens = createTokenProvider({ account: meta.attachments.key, scope: SCOPE, fetch: meta.fetch });
  const url = \`https://bigquery.googleapis.com/bigquery/v2/projects/\${meta.config.project}/datasets\`;
  await meta.fetch(url, { headers: { authorization: await meta.global.tokens.header() }, signal: AbortSignal.timeout(5000) });
}`,
    };
    expect(findings(files, "security/network-hosts")).toEqual([]);
  });

  it("does not count a documentation link in a log line as a called host (automatic-cohorts)", () => {
    const files = {
      "plugin.json": manifest({ allowedHosts: ["app.posthog.com"] }),
      "index.ts": `export function setupPlugin(meta: any) { meta.logger.warn("Deprecated! Use group analytics instead. https://posthog.com/docs/user-guides/group-analytics"); }`,
    };
    expect(findings(files, "security/network-hosts")).toEqual([]);
  });

  it("matches a host built from a config region against a wildcard entry, and flags it without one (kinesis)", () => {
    const index = `
export function kinesisEndpoint(region: string): string { return \`https://kinesis.\${region}.amazonaws.com/\`; }
export async function onEvent(event: any, meta: any) { await meta.fetch(kinesisEndpoint(meta.config.region), { method: "POST", signal: AbortSignal.timeout(5000) }); }`;
    expect(findings({ "plugin.json": manifest({ allowedHosts: ["*.amazonaws.com"] }), "index.ts": index }, "security/network-hosts")).toEqual([]);
    expect(findings({ "plugin.json": manifest({ allowedHosts: ["kinesis.eu-west-1.amazonaws.com"] }), "index.ts": index }, "security/network-hosts")).toEqual([
      "index.ts:3 fetch connects to `*.amazonaws.com`, which plugin.json `allowedHosts` does not declare",
    ]);
  });

  it("follows hosts through a helper's parameter, a shared constant and new URL(path, base)", () => {
    const files = {
      "plugin.json": manifest({ allowedHosts: ["api.hubapi.com"] }),
      "lib/request.ts": `
export const API = "https://api.hubapi.com/crm/v3/objects/contacts";
export async function fetchWithRetry(meta: any, url: string, init: RequestInit) { return meta.fetch(url, { ...init, signal: AbortSignal.timeout(5000) }); }`,
      "index.ts": `
import { API, fetchWithRetry } from "./lib/request.ts";
export async function onEvent(event: any, meta: any) {
  await fetchWithRetry(meta, \`\${API}?limit=1\`, { method: "GET" });
  await fetchWithRetry(meta, new URL("/v1/track", "https://track.example.net").toString(), { method: "POST" });
}`,
    };
    expect(findings(files, "security/network-hosts")).toEqual(["lib/request.ts:3 fetch connects to `track.example.net`, which plugin.json `allowedHosts` does not declare"]);
  });

  it("takes a PostHog project API key and the key ID of a secret access key pair as public identifiers", () => {
    const config = [
      { key: "posthogProjectApiKey", name: "PostHog Project API Key", hint: "h", secret: false },
      { key: "posthogPersonalApiKey", name: "PostHog Personal API Key", hint: "h" },
      { key: "awsAccessKeyId", name: "Access Key ID", hint: "h" },
      { key: "awsSecretAccessKey", name: "Secret Access Key", hint: "h", secret: true },
    ];
    expect(findings({ "plugin.json": manifest({ config }), "index.ts": "export function onEvent() {}" }, "manifest/secret-fields")).toEqual([
      'plugin.json:13 config field "posthogPersonalApiKey" looks like a credential but is not marked secret; its value would be shown in the UI and logs',
    ]);
    const unpaired = [{ key: "awsAccessKey", name: "AWS Access Key", hint: "h" }];
    expect(findings({ "plugin.json": manifest({ config: unpaired }), "index.ts": "export function onEvent() {}" }, "manifest/secret-fields")).toHaveLength(1);
  });

  it("does not count the config passed to a helper whose result is logged as logging the config (redshift-import)", () => {
    const config = [{ key: "dbPassword", name: "Password", hint: "h", secret: true }];
    const files = {
      "plugin.json": manifest({ config }),
      "index.ts": `
const table = (config: any) => String(config.tableName || "posthog_event").replace(/[^a-z_]/g, "");
export function setupPlugin({ config, logger }: any) {
  logger.log(\`Done processing all rows in \${table(config)}\`);
  logger.log(\`config: \${JSON.stringify(config)}\`);
}`,
    };
    expect(findings(files, "security/secret-logging")).toEqual(["index.ts:5 logs the whole config; logs are visible to every project member"]);
  });
});
