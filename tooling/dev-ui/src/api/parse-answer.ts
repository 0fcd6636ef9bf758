import type { MockResponse } from "@connectors/harness";
import { StudioError } from "../studio-error.ts";

/**
 * The page's answer to a paused request as a response: `{status, headers, body}` (a body that
 * parses as JSON is sent as JSON), or `{error}` to fail it as a network error would.
 *
 * @throws StudioError 400 naming the field at fault
 */
export function parseAnswer(body: Record<string, unknown>): MockResponse {
  if (typeof body.error === "string" && body.error.trim()) return { error: body.error.trim() };
  const status = body.status === undefined ? 200 : Number(body.status);
  if (!Number.isInteger(status) || status < 200 || status > 599) throw new StudioError(400, `Status must be a whole number from 200 to 599 (got ${JSON.stringify(body.status)})`, { field: "status" });
  const headers = body.headers ?? {};
  if (typeof headers !== "object" || headers === null || Array.isArray(headers) || Object.values(headers).some((v) => typeof v !== "string")) {
    throw new StudioError(400, 'Headers must be a JSON object of strings, e.g. {"content-type": "application/json"}', { field: "headers" });
  }
  const text = body.body === undefined || body.body === null ? "" : body.body;
  if (typeof text !== "string") throw new StudioError(400, "Body must be text (JSON is sent as JSON)", { field: "body" });
  const response: MockResponse = { status, ...(Object.keys(headers).length ? { headers: headers as Record<string, string> } : {}) };
  if (text.trim() === "") return response;
  try {
    return { ...response, json: JSON.parse(text) };
  } catch {
    return { ...response, body: text };
  }
}
