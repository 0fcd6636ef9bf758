import { Octokit } from "octokit";

/** Options of {@link createGitHubClient}. */
export interface GitHubClientOptions {
  token: string;
  /** REST API base URL (default `https://api.github.com`; GHES or a loopback fake in tests). */
  baseUrl?: string;
  /** Retries after 5xx and rate-limit 403/429 answers (default 3). */
  retries?: number;
  /** Milliseconds per unit of octokit's backoff (default 1000; tests pass 1). */
  retryBaseMs?: number;
  /** Pace writes the way GitHub asks (1 s between writes, 3 s between notifying ones). Default true; tests turn it off. */
  pacing?: boolean;
}

/** A scheduler that runs jobs at once: replaces the throttling plugin's pacing groups in tests. */
const IMMEDIATE_GROUP = {
  key: () => ({
    schedule: (...args: unknown[]) => {
      const at = typeof args[0] === "function" ? 0 : 1;
      return Promise.resolve((args[at] as (...a: unknown[]) => unknown)(...args.slice(at + 1)));
    },
  }),
};

/**
 * Creates the bot's octokit: REST methods, pagination, retry on 5xx, and throttling that waits out
 * rate-limit 403/429 answers (retried up to `retries` times).
 *
 * @example
 * const octokit = createGitHubClient({ token: process.env.GITHUB_TOKEN!, baseUrl: process.env.GITHUB_API_URL });
 */
export function createGitHubClient(options: GitHubClientOptions): Octokit {
  const retries = options.retries ?? 3;
  const base = options.retryBaseMs ?? 1000;
  const retryOnLimit = (_after: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < retries;
  const groups = options.pacing === false ? { write: IMMEDIATE_GROUP, notifications: IMMEDIATE_GROUP, search: IMMEDIATE_GROUP } : {};
  return new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl ?? "https://api.github.com",
    userAgent: "connectors-review-bot",
    retry: { retries, retryAfterBaseValue: base },
    throttle: { onRateLimit: retryOnLimit, onSecondaryRateLimit: retryOnLimit, retryAfterBaseValue: base, fallbackSecondaryRateRetryAfter: 1, ...groups } as never,
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}
