import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

const REMOVED = ["team_id", "now", "offset", "sent_at", "$token", "project_id", "api_key"];
const RENAMED: Record<string, string> = { text: "$el_text", attr_class: "attr__class", attr_id: "attr__id", href: "attr__href" };

/** An element in capture format: keys renamed (moved to the end), its `attributes` spread first (and kept). */
export function toCaptureElement(element: Record<string, unknown>): Record<string, unknown> {
  const renamed: Record<string, unknown> = { ...element };
  for (const key of Object.keys(element)) {
    const target = RENAMED[key];
    if (!target) continue;
    const value = renamed[key];
    delete renamed[key];
    renamed[target] = value;
  }
  return { ...((element.attributes as Record<string, unknown>) ?? {}), ...renamed };
}

/**
 * An event as the target's `/e` endpoint takes it: with `token`, without the fields of the source project
 * (`team_id`, `now`, `offset`, `sent_at`, `$token`, `project_id`, `api_key`), elements rewritten, a timestamp.
 */
export function toCaptureEvent(event: ProcessedPluginEvent, token: string, now: Date): Record<string, unknown> {
  const out: Record<string, unknown> = { ...event, token };
  for (const key of REMOVED) delete out[key];
  const properties = event.properties ? { ...event.properties } : undefined;
  if (properties && Array.isArray(properties.$elements)) properties.$elements = (properties.$elements as Array<Record<string, unknown>>).map(toCaptureElement);
  if (properties) out.properties = properties;
  out.timestamp = event.timestamp || now.toISOString();
  return out;
}
