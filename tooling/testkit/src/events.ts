import { randomUUID } from "node:crypto";
import type { PluginEvent, ProcessedPluginEvent, Properties } from "@connectors/plugin-api";
import { toProcessedEvent } from "@connectors/harness";

const NOW = "2024-01-01T00:00:00.000Z";

/**
 * A realistic ingestion event (the input of processEvent); every field can be overridden.
 *
 * @example
 * createEvent({ event: "purchase", properties: { amount: 20, currency: "PLN" } })
 */
export function createEvent(overrides: Partial<PluginEvent> = {}): PluginEvent {
  return {
    uuid: randomUUID(),
    event: "test event",
    distinct_id: "user-1",
    team_id: 2,
    ip: null,
    site_url: "https://app.example.com",
    now: NOW,
    sent_at: NOW,
    timestamp: NOW,
    properties: {},
    ...overrides,
  };
}

/** A `$pageview` with a URL, browser and IP in its properties. */
export function createPageview(overrides: Partial<PluginEvent> = {}, properties: Properties = {}): PluginEvent {
  return createEvent({
    event: "$pageview",
    properties: { $current_url: "https://example.com/pricing", $host: "example.com", $pathname: "/pricing", $browser: "Chrome", $os: "Mac OS X", $ip: "203.0.113.7", $lib: "web", ...properties },
    ...overrides,
  });
}

/** An `$identify` that sets person properties (top-level `$set`, as PostHog's scaffold made it). */
export function createIdentify(overrides: Partial<PluginEvent> = {}, $set: Properties = { email: "user@example.com", name: "User One" }): PluginEvent {
  return createEvent({ event: "$identify", $set, properties: { $anon_distinct_id: "anon-1", $set }, ...overrides });
}

/** An autocapture click with an elements chain. */
export function createAutocapture(overrides: Partial<PluginEvent> = {}): PluginEvent {
  return createEvent({
    event: "$autocapture",
    properties: { $event_type: "click", $current_url: "https://example.com/signup", $elements_chain: 'button.btn-primary:text="Sign up"nth-child="1"', $ip: "203.0.113.7" },
    ...overrides,
  });
}

/** The event onEvent / exportEvents receive, built from an ingestion event. */
export function createProcessedEvent(overrides: Partial<PluginEvent> = {}): ProcessedPluginEvent {
  return toProcessedEvent(createEvent(overrides), Date.parse(NOW));
}
