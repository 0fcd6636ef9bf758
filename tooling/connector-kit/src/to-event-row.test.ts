import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import { toEventRow } from "./to-event-row.ts";

const base = { distinct_id: "d1", team_id: 2, uuid: "u1", ip: null, timestamp: "2024-03-05T10:00:00Z" };
const columns = { uuid: "row-uuid", site_url: null, timestamp: "2024-03-05T10:00:00.000Z" };

describe("toEventRow", () => {
  it("writes the posthog_event columns, JSON as text, uuid/site_url/timestamp as given", () => {
    const event = { ...base, event: "signup", properties: { $ip: "8.8.8.8", plan: "pro" }, $set: { email: "a@b.co" }, $set_once: { first: "x" } } as ProcessedPluginEvent;
    expect(toEventRow(event, columns)).toEqual({
      uuid: "row-uuid",
      eventName: "signup",
      properties: '{"$ip":"8.8.8.8","plan":"pro"}',
      elements: "[]",
      set: '{"email":"a@b.co"}',
      set_once: '{"first":"x"}',
      distinct_id: "d1",
      team_id: 2,
      ip: "8.8.8.8",
      site_url: null,
      timestamp: "2024-03-05T10:00:00.000Z",
    });
  });

  it("moves an $autocapture's $elements (even a null one) into elements", () => {
    const event = { ...base, event: "$autocapture", properties: { $event_type: "click", $elements: [{ tag_name: "a" }] } } as ProcessedPluginEvent;
    expect(toEventRow(event, columns)).toMatchObject({ properties: '{"$event_type":"click"}', elements: '[{"tag_name":"a"}]' });
    const nullElements = { ...base, event: "$autocapture", properties: { $elements: null } } as ProcessedPluginEvent;
    expect(toEventRow(nullElements, columns)).toMatchObject({ properties: "{}", elements: "[]" });
  });

  it("takes ip from properties.$ip, else the event's ip, else null; $set and $set_once default to {}", () => {
    const event = { ...base, event: "x", ip: "1.2.3.4", properties: {} } as ProcessedPluginEvent;
    expect(toEventRow(event, { ...columns, site_url: "" })).toMatchObject({ ip: "1.2.3.4", set: "{}", set_once: "{}", site_url: "" });
    expect(toEventRow({ ...event, ip: null }, columns).ip).toBeNull();
    expect(toEventRow({ ...event, properties: undefined } as unknown as ProcessedPluginEvent, columns)).toMatchObject({ properties: "{}", ip: "1.2.3.4" });
  });
});
