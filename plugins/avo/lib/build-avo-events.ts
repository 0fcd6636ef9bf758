import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { propertyType } from "./property-type.ts";

/** What every Avo message of one batch shares. */
export interface AvoSession {
  apiKey: string;
  env: string;
  appName: string;
  sessionId: string;
  createdAt: string;
}

/** The `sessionStarted` message sent before a batch's events. */
export function buildSessionStart(session: AvoSession, messageId: string): Record<string, unknown> {
  const { apiKey, env, appName, createdAt, sessionId } = session;
  return { apiKey, env, appName, createdAt, sessionId, appVersion: "1.0.0", libVersion: "1.0.1", libPlatform: "node", messageId, trackingId: "", samplingRate: 1, type: "sessionStarted" };
}

/** Avo `event` messages for the batch's custom events (names not starting with `$`): schema only, no values. */
export function buildAvoEvents(events: ProcessedPluginEvent[], session: AvoSession): Array<Record<string, unknown>> {
  return events
    .filter((event) => !event.event.startsWith("$"))
    .map((event) => ({
      apiKey: session.apiKey,
      env: session.env,
      appName: session.appName,
      sessionId: session.sessionId,
      createdAt: session.createdAt,
      avoFunction: false,
      eventId: null,
      eventHash: null,
      appVersion: "1.0.0",
      libVersion: "1.0.0",
      libPlatform: "node",
      messageId: event.uuid,
      trackingId: "",
      samplingRate: 1,
      type: "event",
      eventName: event.event,
      eventProperties: Object.entries(event.properties ?? {})
        .filter(([name]) => !name.startsWith("$"))
        .map(([propertyName, value]) => ({ propertyName, propertyType: propertyType(value) })),
    }));
}
