import type { Source } from "./types.ts";

const DEMO_SERVERS = ["london", "london3", "cdn77", "octopuscs", "bangalore", "frankfurt", "newyork", "sanfrancisco", "singapore", "toronto"].map((name) => `://${name}.my-netdata.io`);

const PREFIXES: Array<[string, Source]> = [
  ["https://app.netdata.cloud", { eventSource: "cloud", elements: "cloud", properties: "path" }],
  ["https://www.netdata.cloud", { eventSource: "website", elements: "site", properties: "path" }],
  ["https://learn.netdata.cloud", { eventSource: "learn", elements: "learn", properties: "path" }],
  ["https://community.netdata.cloud", { eventSource: "community", elements: "site", properties: "path" }],
  ["https://staging.netdata.cloud", { eventSource: "staging", elements: "staging", properties: "path" }],
  ["https://testing.netdata.cloud", { eventSource: "testing", elements: "staging", properties: "path" }],
];

const AGENT: Source = { eventSource: "agent", elements: "agent", properties: "agent" };
const UNKNOWN: Source = { eventSource: "unknown", elements: "none", properties: "none" };
const CLOUD: Source = { eventSource: "cloud", elements: "cloud", properties: "path" };

function isAgent(url: string): boolean {
  return url === "agent dashboard" || url === "agent backend" || DEMO_SERVERS.some((demo) => url.includes(demo)) || url.startsWith("https://netdata.corp.app.netdata.cloud");
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
  return PREFIXES.find(([prefix]) => url.startsWith(prefix))?.[1] ?? UNKNOWN;
}
