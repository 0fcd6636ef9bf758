import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

/** Keeps the events whose name is in the comma-separated list (items trimmed, case-sensitive); all when the list is empty. */
export function filterEvents(events: ProcessedPluginEvent[], allowedEventTypes: string | undefined): ProcessedPluginEvent[] {
  const allowed = (allowedEventTypes ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (allowed.length === 0) return events;
  const set = new Set(allowed);
  return events.filter((event) => set.has(event.event));
}
