import type { PluginFetch } from "@posthog/plugin-scaffold";

/** A release that should have an annotation. */
export interface ReleaseMarker {
  name: string;
  date: string;
}

/** What the releases call gave: the published releases, or a pause GitHub asked for (rate limit with Retry-After). */
export type ReleasesResult = { releases: ReleaseMarker[] } | { retryAfterSeconds: number };

/** `Authorization: Basic base64(owner:token)` when a token is set. */
export function githubHeaders(owner: string, token: string | undefined): Record<string, string> {
  return token ? { Authorization: `Basic ${btoa(`${owner}:${token}`)}` } : {};
}

/** First page of releases, drafts left out, `tag_name` when the name is empty. Throws when the body is not a list. */
export async function fetchReleases(fetch: PluginFetch, owner: string, repo: string, token?: string): Promise<ReleasesResult> {
  const response = await fetch(`https://api.github.com/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/releases`, {
    headers: githubHeaders(owner, token),
    signal: AbortSignal.timeout(20_000),
  });
  const retryAfter = Number(response.headers.get("retry-after"));
  if ((response.status === 429 || response.status === 403) && retryAfter > 0) return { retryAfterSeconds: Math.ceil(retryAfter) };
  const body: unknown = await response.json().catch(() => null);
  if (!Array.isArray(body)) throw new Error(`Could not load tags from Github. Response: ${JSON.stringify(body)}`);
  return {
    releases: body
      .filter((release) => release && !release.draft && release.published_at)
      .map((release) => ({ name: String(release.name || release.tag_name), date: String(release.published_at) }))
      .filter((release) => release.name && release.name !== "undefined"),
  };
}
