import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

const DROPPED = ["team_id", "now", "offset", "sent_at", "$token", "project_id", "api_key"];

/** A copy of the event the capture endpoint accepts: every field but the instance-bound ones, plus `token`. */
export function toCaptureEvent(event: ProcessedPluginEvent, token: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...event, token };
  for (const key of DROPPED) delete copy[key];
  return copy;
}
