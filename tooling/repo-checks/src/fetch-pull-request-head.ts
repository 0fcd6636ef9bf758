/** Where and how to reach the GitHub REST API. */
export interface GitHubApiOptions {
  /** `owner/name` (`$GITHUB_REPOSITORY`). */
  repository: string;
  token: string;
  /** API base URL (`$GITHUB_API_URL`, default https://api.github.com); tests pass a loopback server. */
  baseUrl?: string;
}

/**
 * Builds a lookup of a pull request's current head SHA over the REST API (`GET /repos/{repo}/pulls/{n}`),
 * returning undefined for a 404. Read-only; the token is sent only as the Authorization header.
 *
 * @throws Error with the HTTP status for any other failure
 * @example
 * const head = await createPullRequestHeadLookup({ repository: "acme/connectors", token })(42);
 */
export function createPullRequestHeadLookup(options: GitHubApiOptions): (pullRequest: number) => Promise<string | undefined> {
  const base = (options.baseUrl ?? "https://api.github.com").replace(/\/+$/, "");
  return async (pullRequest) => {
    const response = await fetch(`${base}/repos/${options.repository}/pulls/${pullRequest}`, {
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${options.token}`,
        "x-github-api-version": "2022-11-28",
        "user-agent": "connectors-repo-checks",
      },
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`GET /repos/${options.repository}/pulls/${pullRequest} answered ${response.status}`);
    const body = (await response.json()) as { head?: { sha?: unknown } };
    return typeof body.head?.sha === "string" ? body.head.sha : undefined;
  };
}
