import { describe, expect, it } from "vitest";
import { createAutocapture, createEvent, createIdentify, createPageview, createProcessedEvent } from "./events.ts";

describe("event factories", () => {
  it("build complete ingestion events that tests can override", () => {
    const event = createEvent({ event: "purchase", properties: { amount: 20 } });
    expect(event).toMatchObject({ event: "purchase", distinct_id: "user-1", team_id: 2, properties: { amount: 20 } });
    expect(event.uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("make pageviews, identifies and autocaptures with their typical properties", () => {
    expect(createPageview().properties).toMatchObject({ $current_url: "https://example.com/pricing", $ip: "203.0.113.7" });
    expect(createIdentify().$set).toEqual({ email: "user@example.com", name: "User One" });
    expect(createAutocapture().properties?.$elements_chain).toContain("button");
  });

  it("make the processed shape onEvent receives", () => {
    const processed = createProcessedEvent({ ip: "1.2.3.4" });
    expect(processed.ip).toBeNull();
    expect(processed.properties.$ip).toBe("1.2.3.4");
  });
});
