import { createEvent, createTestConnector } from "@connectors/testkit";
import { describe, expect, it } from "vitest";
import pageview from "./fixtures/pageview.json" with { type: "json" };
import * as plugin from "./index.ts";
import { normalizeUrl } from "./lib/normalize-url.ts";

const dir = import.meta.dirname;
const connect = () => createTestConnector(dir, { module: plugin });

describe("normalizeUrl", () => {
  it.each([
    ["HTTPS://Example.COM:443/Path/?Q=AbC#Frag", "https://example.com/path?q=abc#frag"],
    ["http://example.com", "http://example.com/"],
    ["https://a.com/", "https://a.com/"],
    ["http://a.com/a b/", "http://a.com/a%20b"],
    ["https://a.com/a//", "https://a.com/a/"],
    ["https://a.com/x/?q=1", "https://a.com/x?q=1"],
    ["https://a.com/x/#top", "https://a.com/x#top"],
    ["http://example.com:80/x", "http://example.com/x"],
    ["https://BÜCHER.example/", "https://xn--bcher-kva.example/"],
  ])("%s -> %s", (input, output) => {
    expect(normalizeUrl(input)).toBe(output);
  });

  it.each([["not a url"], ["/relative/path"]])("refuses %j with the original's message", (input) => {
    expect(() => normalizeUrl(input)).toThrow(new Error(`Unable to normalize invalid URL: "${input}"`));
  });

  it("treats a non-string value as an invalid URL (fixed: the original threw a TypeError)", () => {
    expect(() => normalizeUrl(42)).toThrow(new Error('Unable to normalize invalid URL: "42"'));
  });
});

describe("url-normalizer", () => {
  it("normalises $current_url only and logs the change (example 4)", async () => {
    const connector = await connect();
    const out = await connector.processEvent(createEvent({ event: "$pageview", properties: { $current_url: "https://shop.example.com/Cart/", $pathname: "/Cart/", $referrer: "https://Ref.example.com/A/" } }));
    expect(out?.properties).toEqual({ $current_url: "https://shop.example.com/cart", $pathname: "/Cart/", $referrer: "https://Ref.example.com/A/" });
    expect(connector.logs.filter((l) => l.source === "console").map((l) => [l.level, l.message])).toEqual([
      ["debug", 'event.$current_url: "https://shop.example.com/Cart/" normalized to "https://shop.example.com/cart"'],
    ]);
  });

  it("runs the fixture through unchanged apart from the URL", async () => {
    const connector = await connect();
    const out = await connector.processEvent(structuredClone(pageview));
    expect(out).toEqual({ ...pageview, properties: { ...pageview.properties, $current_url: "https://shop.example.com/cart" } });
  });

  it.each([
    ["no $current_url", { plan: "pro" }],
    ["an empty $current_url", { $current_url: "" }],
    ["empty properties", {}],
  ])("leaves an event with %s alone, without a log (example 6)", async (_what, properties) => {
    const connector = await connect();
    const event = createEvent({ properties });
    expect(await connector.processEvent(structuredClone(event))).toEqual(event);
    expect(connector.logs.filter((l) => l.source === "console")).toEqual([]);
  });

  it("leaves an event without properties alone", async () => {
    const connector = await connect();
    const event = createEvent();
    delete event.properties;
    expect(await connector.processEvent(structuredClone(event))).toEqual(event);
  });

  it("fails the event on an invalid URL with the original's message (example 5)", async () => {
    const connector = await connect();
    await expect(connector.processEvent(createEvent({ properties: { $current_url: "not a url" } }))).rejects.toThrow('Unable to normalize invalid URL: "not a url"');
  });

  it("has no config fields, so any config key is rejected", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { lowercase: "no" } })).rejects.toThrow(/lowercase/);
  });
});
