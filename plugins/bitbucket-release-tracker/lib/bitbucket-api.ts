import type { PluginFetch } from "@posthog/plugin-scaffold";
import { requestWithRetry } from "./request-with-retry.ts";

/** A tag that should have an annotation. */
export interface TagMarker {
  name: string;
  date: string;
}

/** Basic auth with both username and token, none with neither; one without the other is an error. */
export function bitbucketHeaders(username: string | undefined, token: string | undefined): Record<string, string> {
  if (Boolean(username) !== Boolean(token)) throw new Error("Please supply both a Bitbucket username and a personal token to use this plugin with private repos");
  return username && token ? { Authorization: `Basic ${btoa(`${username}:${token}`)}` } : {};
}

/** Every tag, following the absolute `next` page links (the original read only the first 10). */
export async function fetchAllTags(fetch: PluginFetch, repoApiUrl: string, headers: Record<string, string>): Promise<{ tags: TagMarker[] } | { retryAfterSeconds: number }> {
  const tags: TagMarker[] = [];
  const seen = new Set<string>();
  for (let url: string | undefined = `${repoApiUrl}/refs/tags`; url; ) {
    if (seen.has(url)) break;
    seen.add(url);
    const response = await requestWithRetry(fetch, url, { headers });
    const retryAfter = Number(response.headers.get("retry-after"));
    if (response.status === 429 && retryAfter > 0) return { retryAfterSeconds: Math.ceil(retryAfter) };
    const body = (response.ok ? await response.json().catch(() => null) : null) as { values?: Array<{ name?: string; target?: { date?: string } }>; next?: string } | null;
    if (!Array.isArray(body?.values)) throw new Error(`Could not load tags from Bitbucket: status=${response.status}`);
    for (const tag of body.values) if (typeof tag?.name === "string" && tag.target?.date) tags.push({ name: tag.name, date: tag.target.date });
    url = body.next || undefined;
  }
  return { tags };
}
