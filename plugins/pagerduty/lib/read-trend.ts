import type { PluginFetch } from "@posthog/plugin-scaffold";

const TREND_PATH = /^(?:\/project\/\d+)?\/insights\/([A-Za-z0-9]+)\/?$/;

/** The insight short id of a Trends URL (`/insights/<id>` or `/project/<n>/insights/<id>`). */
export function parseTrendUrl(trendUrl: string): { origin: string; shortId: string } {
  let url: URL;
  try {
    url = new URL(trendUrl);
  } catch {
    throw new Error(`Not a valid trends URL: ${trendUrl}`);
  }
  const match = TREND_PATH.exec(url.pathname);
  if (!match) throw new Error(`Not a valid trends URL: ${trendUrl}`);
  return { origin: url.origin, shortId: match[1]! };
}

/** The first series of the insight, or undefined when it has no result or no data (logged). */
export async function readTrendSeries(fetch: PluginFetch, trendUrl: string, projectId: string, apiKey: string, warn: (message: string) => void): Promise<number[] | undefined> {
  const { origin, shortId } = parseTrendUrl(trendUrl);
  const response = await fetch(`${origin}/api/projects/${encodeURIComponent(projectId)}/insights?short_id=${shortId}`, {
    headers: { authorization: `Bearer ${apiKey}` },
    signal: AbortSignal.timeout(20_000),
  });
  if (!response.ok) throw new Error(`Error from PostHog API: status=${response.status} response=${await response.text()}`);
  const body = (await response.json()) as { results?: Array<{ filters?: { insight?: string }; result?: Array<{ data?: unknown[] }> }> };
  const insight = body.results?.[0];
  if (!insight) throw new Error(`Insight ${shortId} not found`);
  if (insight.filters?.insight !== "TRENDS") throw new Error("The provided insight is not a trend");
  const series = insight.result?.[0];
  if (!series) return warn("Insight returned no result"), undefined;
  if (!Array.isArray(series.data) || series.data.length === 0) return warn("Insight returned no data"), undefined;
  return series.data.map(Number);
}

/** True when every one of the last two points is beyond the threshold (`≤` or `≥`). */
export function isInError(data: number[], operator: string, threshold: number): boolean {
  const lessOrEqual = operator.startsWith("≤");
  return data.slice(-2).every((value) => (lessOrEqual ? value <= threshold : value >= threshold));
}

/** The threshold as a number; throws `threshold must be a number` otherwise. */
export function parseThreshold(value: string): number {
  const threshold = Number.parseFloat(value);
  if (!Number.isFinite(threshold) || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) throw new Error("threshold must be a number");
  return threshold;
}
