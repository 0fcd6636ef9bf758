import { createJwtAssertion } from "./create-jwt-assertion.ts";
import type { ServiceAccount } from "./parse-service-account.ts";

/** The fetch a connector has (`meta.fetch`). */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** The token endpoint refused or could not be reached. `status` is undefined for network errors and timeouts. */
export class TokenExchangeError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = "TokenExchangeError";
    this.status = status;
  }

  /** Worth retrying later: network error, timeout, 429 or 5xx. */
  get retryable(): boolean {
    return this.status === undefined || this.status === 429 || this.status >= 500;
  }
}

/** Options of {@link createTokenProvider}. */
export interface TokenProviderOptions {
  account: ServiceAccount;
  /** OAuth scope(s), space separated. */
  scope: string;
  fetch: FetchLike;
  /** Current time in ms (default `Date.now`). */
  now?: () => number;
  /** Time limit of the exchange request in ms (default 10 000). */
  timeoutMs?: number;
}

/** Hands out a cached access token, exchanging a fresh JWT when none is cached or it expires within a minute. */
export interface TokenProvider {
  getToken(): Promise<string>;
  /** Forgets the cached token (after a 401). */
  reset(): void;
}

const REFRESH_MARGIN_MS = 60_000;

/**
 * A token source for a service account: `POST <token_uri>` with
 * `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<RS256 JWT>`, cached until a minute
 * before `expires_in` runs out.
 *
 * @example
 * const tokens = createTokenProvider({ account, scope: "https://www.googleapis.com/auth/pubsub", fetch: meta.fetch });
 * await meta.fetch(url, { headers: { Authorization: `Bearer ${await tokens.getToken()}` } });
 */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const now = options.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function exchange(): Promise<string> {
    const issuedAt = now();
    const assertion = createJwtAssertion(options.account, options.scope, Math.floor(issuedAt / 1000));
    const body = new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }).toString();
    let response: Response;
    try {
      response = await options.fetch(options.account.token_uri, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new TokenExchangeError(`Google token exchange at ${options.account.token_uri} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    let data: { access_token?: string; expires_in?: number; error?: string; error_description?: string } = {};
    try {
      data = JSON.parse(text);
    } catch {
      // reported below
    }
    if (!response.ok || !data.access_token) {
      const why = data.error ? `${data.error}${data.error_description ? `: ${data.error_description}` : ""}` : `no access_token in the answer`;
      throw new TokenExchangeError(`Google token exchange for ${options.account.client_email} answered ${response.status} (${why})`, response.status);
    }
    cached = { token: data.access_token, expiresAt: issuedAt + (data.expires_in ?? 3600) * 1000 };
    return data.access_token;
  }

  return {
    async getToken() {
      if (cached && cached.expiresAt - REFRESH_MARGIN_MS > now()) return cached.token;
      pending ??= exchange().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    reset() {
      cached = undefined;
    },
  };
}
