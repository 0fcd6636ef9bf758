import type { IncomingMessage, ServerResponse } from "node:http";
import { StudioError } from "../studio-error.ts";

const MAX_BODY = 5 * 2 ** 20;

/** Reads a JSON object body (5 MiB at most). @throws StudioError 413 / 400 */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new StudioError(413, "the request body is over 5 MiB");
    chunks.push(chunk as Buffer);
  }
  if (!chunks.length) return {};
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new StudioError(400, "the request body is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new StudioError(400, "the request body must be a JSON object");
  return value as Record<string, unknown>;
}

/** Answers with JSON, never cached. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** A string field of a request body. @throws StudioError 400 naming the field */
export function stringField(body: Record<string, unknown>, field: string, example: string): string {
  const value = body[field];
  if (typeof value !== "string" || value.trim() === "") throw new StudioError(400, `"${field}" is required: send {"${field}": ${JSON.stringify(example)}}`, { field });
  return value;
}
