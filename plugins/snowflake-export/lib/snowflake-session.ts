import { randomUUID } from "node:crypto";
import type { PluginMeta } from "@posthog/plugin-scaffold";
import type { SnowflakeSettings } from "./read-settings.ts";

export const REQUEST_TIMEOUT_MS = 25_000;
/** Result polls of a query still running (code 333334) before giving up. */
export const MAX_POLLS = 50;
const SESSION_EXPIRED = "390112";

/** A failed login or statement: Snowflake's message and code, or the HTTP status. */
export class SnowflakeError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = "SnowflakeError";
    this.code = code;
  }
}

interface Answer {
  success?: boolean;
  code?: string | null;
  message?: string | null;
  data?: { token?: string; masterToken?: string; getResultUrl?: string; [key: string]: unknown } | null;
}

/**
 * A Snowflake session over the REST protocol the SDK speaks (`/session/v1/login-request`,
 * `/queries/v1/query-request`, result polling, `/session/logout-request`), through `meta.fetch`.
 */
export class SnowflakeSession {
  readonly #meta: Pick<PluginMeta, "fetch">;
  readonly #settings: SnowflakeSettings;
  readonly base: string;
  #token: string | undefined;
  #sequenceId = 0;

  constructor(meta: Pick<PluginMeta, "fetch">, settings: SnowflakeSettings) {
    this.#meta = meta;
    this.#settings = settings;
    this.base = `https://${settings.account}.snowflakecomputing.com`;
  }

  async #post(url: string, body: unknown, auth: boolean): Promise<Answer> {
    const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json" };
    if (auth) headers.authorization = `Snowflake Token="${this.#token}"`;
    const response = await this.#meta.fetch(url, { method: "POST", headers, body: JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    return this.#read(response, url);
  }

  async #read(response: Response, url: string): Promise<Answer> {
    const answer = (await response.json().catch(() => ({}))) as Answer;
    if (!response.ok) throw new SnowflakeError(`Snowflake ${new URL(url).pathname} answered ${response.status}${answer.message ? `: ${answer.message}` : ""}`);
    return answer;
  }

  /** Logs in (database, schema, role from the settings). @throws SnowflakeError when refused */
  async login(): Promise<void> {
    const s = this.#settings;
    const query = new URLSearchParams({ databaseName: s.databaseName, schemaName: s.schemaName, ...(s.role ? { roleName: s.role } : {}), requestId: randomUUID() });
    const answer = await this.#post(
      `${this.base}/session/v1/login-request?${query}`,
      { data: { ACCOUNT_NAME: s.account.split(".")[0]!.toUpperCase(), LOGIN_NAME: s.username, PASSWORD: s.password, CLIENT_APP_ID: "PostHogConnectors", CLIENT_APP_VERSION: "0.1.0" } },
      false,
    );
    if (!answer.success || !answer.data?.token) throw new SnowflakeError(`Snowflake login failed: ${answer.message ?? "no token in the answer"}`, answer.code ?? undefined);
    this.#token = answer.data.token;
  }

  /** Runs one statement, logging in first (and again once when the session expired). @throws SnowflakeError on a SQL error */
  async execute(sqlText: string): Promise<Answer["data"]> {
    if (!this.#token) await this.login();
    let answer = await this.#query(sqlText);
    if (!answer.success && answer.code === SESSION_EXPIRED) {
      await this.login();
      answer = await this.#query(sqlText);
    }
    for (let polls = 0; answer.success && answer.data?.getResultUrl && polls < MAX_POLLS; polls++) {
      const url = new URL(answer.data.getResultUrl, this.base).toString();
      const response = await this.#meta.fetch(url, { method: "GET", headers: { accept: "application/json", authorization: `Snowflake Token="${this.#token}"` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      answer = await this.#read(response, url);
    }
    if (!answer.success) throw new SnowflakeError(`Snowflake statement failed: ${answer.message ?? "unknown error"}${answer.code ? ` (code ${answer.code})` : ""}`, answer.code ?? undefined);
    if (answer.data?.getResultUrl) throw new SnowflakeError(`Snowflake statement still running after ${MAX_POLLS} result polls`);
    return answer.data;
  }

  #query(sqlText: string): Promise<Answer> {
    const body = { sqlText, asyncExec: false, sequenceId: ++this.#sequenceId, querySubmissionTime: Date.now() };
    return this.#post(`${this.base}/queries/v1/query-request?requestId=${randomUUID()}`, body, true);
  }

  /** Ends the session (errors are the caller's to ignore). */
  async logout(): Promise<void> {
    if (!this.#token) return;
    await this.#post(`${this.base}/session/logout-request`, {}, true);
    this.#token = undefined;
  }
}
