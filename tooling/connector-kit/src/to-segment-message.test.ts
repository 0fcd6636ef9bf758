import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import { toSegmentMessage } from "./to-segment-message.ts";

const base = { team_id: 2, uuid: "u", ip: null, timestamp: "t", distinct_id: "d" };
const event = (fields: Record<string, unknown>) => ({ ...base, ...fields }) as unknown as ProcessedPluginEvent;

describe("toSegmentMessage", () => {
  // The Segment examples of the rudderstack and laudspeaker specs (laudspeaker adds its extras on top).
  it("maps the spec's track example: constants, context from the $ properties, ids, custom properties without nulls, in that key order", () => {
    const message = toSegmentMessage(
      event({
        event: "order completed",
        distinct_id: "user-42",
        timestamp: "2024-03-05T10:20:30.456Z",
        properties: { $os: "Mac OS X", $browser: "Chrome", $current_url: "https://shop.example.com/checkout", $lib: "web", $lib_version: "1.100.0", $device_id: "dev-1", $insert_id: "ins-9", revenue: 42.5, currency: "EUR", coupon: null },
      }),
    );
    const expected = {
      context: { app: { name: "PostHogPlugin" }, os: { name: "Mac OS X" }, browser: "Chrome", page: { url: "https://shop.example.com/checkout" }, library: { name: "web", version: "1.100.0" } },
      channel: "s2s",
      originalTimestamp: "2024-03-05T10:20:30.456Z",
      userId: "user-42",
      anonymousId: "dev-1",
      type: "track",
      event: "order completed",
      properties: { revenue: 42.5, currency: "EUR" },
    };
    expect(message).toEqual(expected);
    expect(Object.keys(message)).toEqual(Object.keys(expected));
  });

  it("takes messageId from a top-level $insert_id and context.ip from ip (not from the properties)", () => {
    expect(toSegmentMessage(event({ event: "x", $insert_id: "ins-1", ip: "203.0.113.7", properties: { $insert_id: "ignored" } }))).toMatchObject({ messageId: "ins-1", context: { ip: "203.0.113.7" } });
    expect(toSegmentMessage(event({ event: "x", properties: { $insert_id: "ignored" } }))).not.toHaveProperty("messageId");
  });

  it("maps the spec's $identify example to an identify message with $set as traits and context.traits, no event", () => {
    const message = toSegmentMessage(event({ event: "$identify", distinct_id: "user-42", timestamp: "2024-03-05T10:21:00.000Z", properties: { $anon_distinct_id: "anon-7", $set: { email: "ada@example.com", plan: "pro" }, $lib: "web" }, $set: { email: "ada@example.com", plan: "pro" } }));
    const expected = {
      context: { app: { name: "PostHogPlugin" }, library: { name: "web" }, traits: { email: "ada@example.com", plan: "pro" } },
      channel: "s2s",
      originalTimestamp: "2024-03-05T10:21:00.000Z",
      userId: "user-42",
      anonymousId: "anon-7",
      type: "identify",
      traits: { email: "ada@example.com", plan: "pro" },
    };
    expect(message).toEqual(expected);
    expect(Object.keys(message)).toEqual(Object.keys(expected));
  });

  it("maps the spec's $pageview example to a page message with the page in context and properties", () => {
    const message = toSegmentMessage(event({ event: "$pageview", distinct_id: "user-42", timestamp: "2024-03-05T10:22:00.000Z", properties: { $current_url: "https://example.com/pricing", $pathname: "/pricing", $host: "example.com", title: "Pricing", $referrer: "$direct" } }));
    expect(message).toEqual({
      context: { app: { name: "PostHogPlugin" }, page: { host: "example.com", url: "https://example.com/pricing", path: "/pricing", referrer: "$direct" } },
      channel: "s2s",
      originalTimestamp: "2024-03-05T10:22:00.000Z",
      userId: "user-42",
      type: "page",
      properties: { host: "example.com", url: "https://example.com/pricing", path: "/pricing", referrer: "$direct", title: "Pricing" },
    });
  });

  it("maps the other page fields: initial referrer, referring domains, name", () => {
    const message = toSegmentMessage(event({ event: "$pageview", properties: { $referring_domain: "b.example", $initial_referrer: "$direct", $initial_referring_domain: "$direct", name: "Docs" } }));
    expect(message).toMatchObject({
      context: { page: { initial_referrer: "$direct", referring_domain: "b.example", initial_referring_domain: "$direct" } },
      name: "Docs",
      properties: { initial_referrer: "$direct", referring_domain: "b.example", initial_referring_domain: "$direct", name: "Docs" },
    });
  });

  it("maps $create_alias, $group, $page and $autocapture", () => {
    expect(toSegmentMessage(event({ event: "$create_alias", properties: { alias: "new", distinct_id: "old" } }))).toMatchObject({ type: "alias", userId: "new", previousId: "old", anonymousId: "old" });
    expect(toSegmentMessage(event({ event: "$group", properties: {}, groupId: "g", traits: { n: 1 } }))).toMatchObject({ type: "group", groupId: "g", traits: { n: 1 } });
    expect(toSegmentMessage(event({ event: "$page", properties: { name: "Home", category: "c" } }))).toMatchObject({ type: "page", name: "Home", properties: { category: "c", name: "Home" } });
    expect(toSegmentMessage(event({ event: "$autocapture", properties: { $event_type: "click", $elements: [{ tag_name: "a" }] } }))).toMatchObject({ type: "track", event: "click", properties: { elements: [{ tag_name: "a" }] } });
  });

  it("maps the generic context fields and a top-level $user_id", () => {
    const message = toSegmentMessage(event({ event: "x", $user_id: "uid", properties: { $screen_height: 800, $screen_width: 1200, $browser_version: 120, posthog_version: "1.2", token: "phc", $active_feature_flags: ["f"], has_slack_webhook: false } }));
    expect(message).toMatchObject({
      userId: "uid",
      context: { screen: { height: 800, width: 1200 }, browser_version: 120, app: { name: "PostHogPlugin", version: "1.2" }, posthog_version: "1.2", token: "phc", active_feature_flags: ["f"], has_slack_webhook: false },
    });
  });

  it("uses the last candidate when none is truthy, drops null custom properties, nests dotted keys", () => {
    const message = toSegmentMessage(event({ distinct_id: "", event: "x", properties: { "a.b": 1, gone: null, $anon_distinct_id: "", distinct_id: "" } }));
    expect(message).toMatchObject({ userId: "", anonymousId: "", properties: { a: { b: 1 }, distinct_id: "" } });
    expect(message.properties).not.toHaveProperty("gone");
  });
});
