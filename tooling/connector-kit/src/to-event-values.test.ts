import { describe, expect, it } from "vitest";
import { EVENT_VALUE_COLUMNS, toEventValues } from "./to-event-values.ts";

const base = { distinct_id: "d1", team_id: 2, uuid: "u1", ip: null };

describe("toEventValues", () => {
  it("gives the 11 values in EVENT_VALUE_COLUMNS order, JSON columns as text", () => {
    const values = toEventValues({ ...base, event: "signup", timestamp: "2024-03-05T10:15:00.000Z", properties: { $ip: "9.9.9.9", plan: "pro" }, $set: { email: "a@b.co" }, site_url: "https://s" });
    expect(Object.fromEntries(EVENT_VALUE_COLUMNS.map((column, i) => [column, values[i]]))).toEqual({
      uuid: "u1",
      event: "signup",
      properties: '{"$ip":"9.9.9.9","plan":"pro"}',
      elements: "[]",
      people_set: '{"email":"a@b.co"}',
      people_set_once: "{}",
      distinct_id: "d1",
      team_id: 2,
      ip: "9.9.9.9",
      site_url: "https://s",
      timestamp: "2024-03-05T10:15:00.000Z",
    });
  });

  it("moves a truthy $elements of an $autocapture into elements; a null one stays in the properties", () => {
    const click = toEventValues({ ...base, event: "$autocapture", timestamp: "t", properties: { $event_type: "click", $elements: [{ tag_name: "a" }] } });
    expect(click.slice(2, 4)).toEqual(['{"$event_type":"click"}', '[{"tag_name":"a"}]']);
    const empty = toEventValues({ ...base, event: "$autocapture", timestamp: "t", properties: { $elements: null } });
    expect(empty.slice(2, 4)).toEqual(['{"$elements":null}', "[]"]);
  });

  it("takes ip from properties.$ip, else the event's ip; timestamp from timestamp, properties.timestamp, now, sent_at", () => {
    const row = toEventValues({ ...base, event: "x", ip: "5.5.5.5", timestamp: "", properties: { timestamp: "2024-01-01T00:00:00Z" }, site_url: "https://s" });
    expect(row.slice(8)).toEqual(["5.5.5.5", "https://s", "2024-01-01T00:00:00Z"]);
    expect(toEventValues({ ...base, event: "x", timestamp: "", properties: {}, now: "2024-01-03T00:00:00Z", sent_at: "2024-01-02T00:00:00Z" })[10]).toBe("2024-01-03T00:00:00Z");
    expect(toEventValues({ ...base, event: "x", timestamp: "", properties: {}, sent_at: "2024-01-02T00:00:00Z" })[10]).toBe("2024-01-02T00:00:00Z");
    expect(toEventValues({ ...base, event: "x", timestamp: "", properties: {} }).slice(8)).toEqual([null, undefined, undefined]);
  });
});
