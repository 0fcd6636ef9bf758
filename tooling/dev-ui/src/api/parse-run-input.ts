import type { PluginAttachment } from "@connectors/plugin-api";
import { StudioError } from "../studio-error.ts";
import type { RunInput } from "./studio-session.ts";

const MAX_TIMES = 100;

function plainObject(value: unknown, field: string, example: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new StudioError(400, `${field} must be a JSON object, e.g. ${example}`, { field });
  return value as Record<string, unknown>;
}

function decodeAttachments(raw: unknown): Record<string, PluginAttachment> {
  const entries = Object.entries(plainObject(raw, "attachments", '{"key": {"file_name": "a.json", "base64": "..."}}'));
  return Object.fromEntries(
    entries.map(([key, value]) => {
      const a = value as { file_name?: unknown; content_type?: unknown; base64?: unknown };
      if (typeof a?.file_name !== "string" || typeof a.base64 !== "string") throw new StudioError(400, `the file for "${key}" must be {"file_name", "base64"}`, { field: key });
      return [key, { file_name: a.file_name, content_type: typeof a.content_type === "string" ? a.content_type : "application/octet-stream", contents: Buffer.from(a.base64, "base64") }];
    }),
  );
}

/** The events to run: `events` as given, or `event` repeated `times` times (1 to 100). */
function eventsOf(body: Record<string, unknown>): unknown[] | undefined {
  if (Array.isArray(body.events)) return body.events;
  if (body.event === undefined) return undefined;
  const times = body.times === undefined ? 1 : Number(body.times);
  if (!Number.isInteger(times) || times < 1 || times > MAX_TIMES) throw new StudioError(400, `Times must be a whole number from 1 to ${MAX_TIMES}`, { field: "times" });
  return Array.from({ length: times }, () => body.event);
}

/**
 * A run request of the page, checked: the hook, the config, events or a job payload, the clock
 * step, the sandbox choice and how HTTP is answered (step mode and real requests exclude each other).
 *
 * @throws StudioError 400 naming the field at fault
 */
export function parseRunInput(body: Record<string, unknown>): RunInput {
  if (typeof body.hook !== "string" || !body.hook) throw new StudioError(400, 'Hook is required, e.g. "processEvent"', { field: "hook" });
  const http = plainObject(body.http, "http", '{"step": true, "real": false}');
  if (http.step === true && http.real === true) throw new StudioError(400, "Step mode and real requests exclude each other: step mode answers every request itself", { field: "real" });
  const events = eventsOf(body);
  return {
    hook: body.hook,
    config: plainObject(body.config, "config", '{"apiKey": "..."}'),
    attachments: decodeAttachments(body.attachments),
    ...(events ? { events } : {}),
    ...(body.payload !== undefined ? { payload: body.payload } : {}),
    ...(body.advanceMs !== undefined ? { advanceMs: Number(body.advanceMs) } : {}),
    sandbox: body.sandbox === true,
    http: { step: http.step === true, real: http.real === true },
  };
}
