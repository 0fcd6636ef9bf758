import type { PluginFetch } from "@posthog/plugin-scaffold";

const TIMEOUT_MS = 20_000;

/** One stargazer as GitHub's star media type returns it. */
export interface Star {
  starred_at: string;
  user: { login: string; id: number; url: string; avatar_url: string };
}

/** Headers of every GitHub call: the star media type, plus `Authorization: token …` when a token is set. */
export function githubHeaders(token: string | undefined): Record<string, string> {
  return { Accept: "application/vnd.github.v3.star+json", ...(token ? { Authorization: `token ${token}` } : {}) };
}

/** The numeric id of `<user>/<repo>`, or undefined when GitHub does not answer 2xx with an id. */
export async function fetchRepositoryId(fetch: PluginFetch, user: string, repo: string, token?: string): Promise<number | undefined> {
  const response = await fetch(`https://api.github.com/repos/${encodeURIComponent(user)}/${encodeURIComponent(repo)}`, { headers: githubHeaders(token), signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) return undefined;
  const body = (await response.json()) as { id?: unknown };
  return typeof body.id === "number" && body.id > 0 ? body.id : undefined;
}

/** A stargazers page: the stars, or why there are none (rate limited with the wait, or another failure). */
export type StarsPage = { stars: Star[] } | { rateLimitedFor: number } | { failed: string };

/** GET one page of 100 stargazers. A thrown network error propagates. */
export async function fetchStarsPage(fetch: PluginFetch, projectId: number, page: number, token?: string): Promise<StarsPage> {
  const url = `https://api.github.com/repositories/${projectId}/stargazers?page=${page}&per_page=100`;
  const response = await fetch(url, { headers: githubHeaders(token), signal: AbortSignal.timeout(TIMEOUT_MS) });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok && Array.isArray(body)) return { stars: body as Star[] };
  const message = typeof (body as { message?: unknown })?.message === "string" ? (body as { message: string }).message : "";
  const retryAfter = Number(response.headers.get("retry-after"));
  if (response.status === 429 || /rate limit/i.test(message)) return { rateLimitedFor: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : 600 };
  return { failed: `GitHub stargazers request failed: status=${response.status} message=${message}` };
}
