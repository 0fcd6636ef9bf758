import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { parseFilters, type CompiledFilter } from "./lib/parse-filters.ts";
import { passesFilters } from "./lib/passes-filters.ts";

type Meta = PluginMeta<Record<string, never>, { filters?: CompiledFilter[] }>;

/** Reads and compiles the `filters` attachment; fails setup when it is missing or invalid. */
export function setupPlugin({ attachments, global }: Meta): void {
  const attachment = attachments.filters;
  if (!attachment) throw new Error("No filters attachment found");
  global.filters = parseFilters(attachment);
}

/** Keeps (returns) events whose properties pass every filter and events without properties; drops the rest. */
export function processEvent(event: PluginEvent, { global }: Meta): PluginEvent | undefined {
  if (!event.properties) return event;
  return passesFilters(event.properties, global.filters ?? []) ? event : undefined;
}
