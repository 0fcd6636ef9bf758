import { randomUUID } from "node:crypto";
import type { PluginEvent, PostHogEvent, ProcessedPluginEvent } from "@connectors/plugin-api";
import { InvalidEventError } from "./errors.ts";

/** Throws a clear error unless `value` looks like an event (an object with a string `event`). */
export function assertEvent(value: unknown, hook: string): asserts value is PluginEvent {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidEventError(`${hook} needs an event object (got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}). Fix: pass JSON like {"event": "$pageview", "distinct_id": "u1", "properties": {}}`);
  }
  const event = (value as { event?: unknown }).event;
  if (typeof event !== "string" || event === "") {
    throw new InvalidEventError(`${hook} needs an event with a string "event" name (got ${JSON.stringify(event)}). Fix: add "event": "$pageview" (or your event's name)`);
  }
}

/**
 * The event `onEvent` / `exportEvents` receive, made from an ingestion event the way PostHog's
 * `convertToOnEventPayload` did: `ip` moves into `properties.$ip` and becomes null, `$set` /
 * `$set_once` come from the top level or the properties, a uuid and timestamp are ensured.
 */
export function toProcessedEvent(event: PluginEvent | ProcessedPluginEvent, now: number = Date.now()): ProcessedPluginEvent {
  const properties = { ...(event.properties ?? {}) };
  if (event.ip && properties.$ip === undefined) properties.$ip = event.ip;
  const out: ProcessedPluginEvent = {
    distinct_id: event.distinct_id,
    ip: null,
    team_id: event.team_id,
    event: event.event,
    properties,
    timestamp: event.timestamp ?? new Date(now).toISOString(),
    uuid: event.uuid ?? randomUUID(),
  };
  const $set = event.$set ?? properties.$set;
  const $set_once = event.$set_once ?? properties.$set_once;
  if ($set) out.$set = $set;
  if ($set_once) out.$set_once = $set_once;
  if (event.person) out.person = event.person;
  if ("elements" in event && event.elements) out.elements = event.elements;
  return out;
}

/** The event `composeWebhook` receives: a PostHog event with a `Date` timestamp. */
export function toPostHogEvent(event: PluginEvent | ProcessedPluginEvent | PostHogEvent, now: number = Date.now()): PostHogEvent {
  const out: PostHogEvent = {
    uuid: event.uuid ?? randomUUID(),
    team_id: event.team_id,
    distinct_id: event.distinct_id,
    event: event.event,
    timestamp: event.timestamp instanceof Date ? event.timestamp : new Date(event.timestamp ?? now),
    properties: { ...(event.properties ?? {}) },
  };
  if ("person" in event && event.person) out.person = event.person as PostHogEvent["person"];
  if ("groups" in event && event.groups) out.groups = event.groups;
  return out;
}
