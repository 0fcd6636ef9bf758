import type { Source } from "./types.ts";

const DEMO_SERVERS = ["london", "london3", "cdn77", "octopuscs", "bangalore", "frankfurt", "newyork", "sanfrancisco", "singapore", "toronto"].map((name) => `://${name}.my-netdata.io`);

/** Pages are classified by URL prefix `https://<host>` (hosts only: the connector never calls them). */
const PREFIXES: Array<[string, Source]> = [
  ["app.netdata.cloud", { eventSource: "cloud", elements: "cloud", properties: "path" }],
  ["www.netdata.cloud", { eventSource: "website", elements: "site", properties: "path" }],
  ["learn.netdata.cloud", { eventSource: "learn", elements: "learn", properties: "path" }],
  ["community.netdata.cloud", { eventSource: "community", elements: "site", properties: "path" }],
  ["staging.netdata.cloud", { eventSource: "staging", elements: "staging", properties: "path" }],
  ["testing.netdata.cloud", { eventSource: "testing", elements: "staging", properties: "path" }],
];
const CORP_AGENT_HOST = "netdata.corp.app.netdata.cloud";
const startsWithHttps = (url: string, host: string) => url.startsWith(`https://${host}`);

const AGENT: Source = { eventSource: "agent", elements: "agent", properties: "agent" };
const UNKNOWN: Source = { eventSource: "unknown", elements: "none", properties: "none" };
const CLOUD: Source = { eventSource: "cloud", elements: "cloud", properties: "path" };

function isAgent(url: string): boolean {
  return url === "agent dashboard" || url === "agent backend" || DEMO_SERVERS.some((demo) => url.includes(demo)) || startsWithHttps(url, CORP_AGENT_HOST);
}

/**
 * The source of an event from its `$current_url` (first match of the spec's table). Without a
 * `$current_url` key, `$identify` counts as cloud and anything else as unknown; a non-string URL
 * is unknown (the original threw).
 */
export function pickSource(properties: Record<string, unknown>, eventName: string): Source {
  if (!Object.prototype.hasOwnProperty.call(properties, "$current_url")) return eventName === "$identify" ? CLOUD : UNKNOWN;
  const url = properties.$current_url;
  if (typeof url !== "string") return UNKNOWN;
  if (isAgent(url)) return AGENT;
  if (url === "agent installer") return { eventSource: "agent installer", elements: "none", properties: "installer" };
  return PREFIXES.find(([host]) => startsWithHttps(url, host))?.[1] ?? UNKNOWN;
}
