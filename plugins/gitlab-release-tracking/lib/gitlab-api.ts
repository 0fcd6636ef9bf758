import type { PluginFetch } from "@posthog/plugin-scaffold";

/** A tag that should have an annotation. */
export interface TagMarker {
  name: string;
  date: string;
}

/** `<host>/api/v4/projects/<id>` with the id URL-encoded (`group/project` → `group%2Fproject`). */
export function projectApiUrl(host: string, projectId: string): string {
  return `${host}/api/v4/projects/${encodeURIComponent(projectId.trim())}`;
}

/** `Authorization: Bearer <token>` when a token is set. */
export function gitlabHeaders(token: string | undefined): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** GET retried once when the request throws; a second throw fails with `GET request to <url> failed with error: <message>`. */
export async function getWithRetry(fetch: PluginFetch, url: string, headers: Record<string, string>): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, { headers, signal: AbortSignal.timeout(20_000) });
    } catch (error) {
      if (attempt >= 1) throw new Error(`GET request to ${url} failed with error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Checks the project exists: throws `Gitlab returned <status> - <body>` otherwise. */
export async function checkProject(fetch: PluginFetch, apiUrl: string, headers: Record<string, string>): Promise<void> {
  const response = await getWithRetry(fetch, apiUrl, headers);
  if (response.status !== 200) throw new Error(`Gitlab returned ${response.status} - ${(await response.text().catch(() => "")) || null}`);
}

/** First page of tags that have a commit, as `{name, date: commit.authored_date}`. */
export async function fetchTags(fetch: PluginFetch, apiUrl: string, headers: Record<string, string>): Promise<TagMarker[]> {
  const response = await getWithRetry(fetch, `${apiUrl}/repository/tags`, headers);
  const body: unknown = response.ok ? await response.json().catch(() => null) : null;
  if (!Array.isArray(body)) throw new Error(`Could not load tags from GitLab: status=${response.status}`);
  return body
    .filter((tag) => tag && typeof tag.name === "string" && tag.commit && typeof tag.commit === "object")
    .map((tag) => ({ name: tag.name as string, date: String(tag.commit.authored_date) }));
}
