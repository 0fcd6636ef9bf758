import { createTestConnector } from "@connectors/testkit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import orderPlaced from "./fixtures/order-placed.json" with { type: "json" };
import * as plugin from "./index.ts";
import { toPath } from "./lib/set-path.ts";

const dir = import.meta.dirname;
const HOOK = "https://hooks.example.com/variance";
const config = { webhookUrl: HOOK, authHeader: "Bearer abc" };
const LIBARY = { name: "posthog-variance-plugin", version: "1.0.0" };
const base = { uuid: "u-1", timestamp: "2023-03-01T10:00:00.000Z", distinct_id: "user-42", team_id: 2, ip: null } as const;

async function connect(response: { status?: number; body?: string } = { status: 200, body: "" }) {
  const connector = await createTestConnector(dir, { module: plugin, config });
  const bodies: unknown[] = [];
  const headers: Array<Record<string, string>> = [];
  connector.mocks.on("POST", HOOK, (request) => (bodies.push(request.json()), headers.push(request.headers), response));
  return { connector, bodies, headers };
}

/** Calls the hook with the event exactly as given (the original's tests did; the harness's processed events carry no sent_at and a null ip). */
async function send(event: Record<string, unknown>, response?: { status?: number; body?: string }) {
  const setup = await connect(response);
  await plugin.onEvent(event as unknown as ProcessedPluginEvent, setup.connector.meta as never);
  const consoleLogs = setup.connector.logs.filter((l) => l.source === "console").map((l) => `${l.level}: ${l.message}`);
  return { ...setup, consoleLogs };
}

describe("toPath", () => {
  it.each([
    ["context.page.url", ["context", "page", "url"]],
    ["properties.a[0].b", ["properties", "a", "0", "b"]],
    ['properties["x.y"]', ["properties", "x.y"]],
  ])("%s", (path, keys) => expect(toPath(path)).toEqual(keys));
});

describe("variance", () => {
  it("sends a custom event as track (example 1)", async () => {
    const { bodies, headers } = await send({ ...base, event: "order placed", ip: "1.2.3.4", sent_at: "2023-03-01T10:00:01.000Z", properties: orderPlaced.properties });
    expect(bodies).toEqual([
      {
        libary: LIBARY,
        messageId: "u-1",
        timestamp: "2023-03-01T10:00:00.000Z",
        anonymousId: "dev-9",
        context: { ip: "1.2.3.4", os: { name: "Windows" }, page: { host: "shop.example.com", path: "/cart", url: "https://shop.example.com/cart?step=2", search: "?step=2" } },
        sentAt: "2023-03-01T10:00:01.000Z",
        userId: "user-42",
        event: "order placed",
        type: "track",
        properties: { total: 30, a: { b: 1 } },
      },
    ]);
    expect(headers[0]).toMatchObject({ authorization: "Bearer abc", "content-type": "application/json" });
  });

  it("sends $pageview as page (example 2)", async () => {
    const { bodies } = await send({ ...base, event: "$pageview", properties: { $current_url: "https://shop.example.com/?q=shoes", $pathname: "/", name: "Home", $anon_distinct_id: "anon-1" } });
    expect(bodies).toEqual([
      {
        libary: LIBARY,
        messageId: "u-1",
        timestamp: "2023-03-01T10:00:00.000Z",
        anonymousId: "anon-1",
        context: { page: { path: "/", url: "https://shop.example.com/?q=shoes", search: "?q=shoes" } },
        userId: "user-42",
        type: "page",
        name: "Home",
        properties: { path: "/", url: "https://shop.example.com/?q=shoes", search: "?q=shoes" },
      },
    ]);
  });

  it("writes an empty context.page.search but no properties.search for a URL without query", async () => {
    const { bodies } = await send({ ...base, event: "$pageview", properties: { $current_url: "https://shop.example.com/", category: "shop" } });
    expect(bodies[0]).toMatchObject({ context: { page: { url: "https://shop.example.com/", search: "" } }, category: "shop", properties: { url: "https://shop.example.com/" } });
    expect((bodies[0] as { properties: object }).properties).not.toHaveProperty("search");
  });

  it("sends $identify with the public $set keys as traits (example 3)", async () => {
    const { bodies } = await send({ ...base, event: "$identify", properties: { $set: { email: "a@b.c", $os: "Mac", plan: "pro", nothing: null } } });
    expect(bodies).toEqual([{ libary: LIBARY, messageId: "u-1", timestamp: "2023-03-01T10:00:00.000Z", userId: "user-42", type: "identify", traits: { email: "a@b.c", plan: "pro" } }]);
  });

  it("sends $create_alias as alias (example 4)", async () => {
    const { bodies } = await send({ ...base, event: "$create_alias", properties: { distinct_id: "user-42", alias: "anon-1" } });
    expect(bodies).toEqual([{ libary: LIBARY, messageId: "u-1", timestamp: "2023-03-01T10:00:00.000Z", anonymousId: "user-42", userId: "anon-1", type: "alias", previousId: "user-42" }]);
  });

  it("sends $groupidentify as group with the event's group keys as traits", async () => {
    const { bodies } = await send({ ...base, event: "$groupidentify", properties: { $group_key: "acme", $group_type: "company", $groups: { company: "acme", $x: 1, none: null } } });
    expect(bodies).toEqual([{ libary: LIBARY, messageId: "u-1", timestamp: "2023-03-01T10:00:00.000Z", userId: "user-42", type: "group", groupId: "acme", traits: { posthog_group_type: "company", company: "acme" } }]);
  });

  it("maps app version, referrer, screen size and $user_id, and uses the last candidate when none is truthy", async () => {
    const { bodies } = await send({ ...base, $user_id: "uid-1", event: "e", properties: { posthog_version: "1.2", $referrer: "https://r.example", $screen_height: 800, $screen_width: 0, distinct_id: "" } });
    expect(bodies[0]).toMatchObject({ anonymousId: "", userId: "uid-1", context: { app: { version: "1.2" }, page: { referrer: "https://r.example" }, screen: { height: 800, width: 0 } } });
  });

  it("skips other $ events with a debug line and no request (example 5)", async () => {
    const { bodies, consoleLogs } = await send({ ...base, event: "$autocapture", properties: {} });
    expect(bodies).toEqual([]);
    expect(consoleLogs).toEqual(["debug: Unsupported event: $autocapture"]);
  });

  it.each([
    ["uuid", "error: Event missing uuid"],
    ["timestamp", "error: Event missing timestamp"],
  ])("skips an event without %s (example 5)", async (field, log) => {
    const event: Record<string, unknown> = { ...base, event: "e", properties: {} };
    delete event[field];
    const { bodies, consoleLogs } = await send(event);
    expect(bodies).toEqual([]);
    expect(consoleLogs).toEqual([log]);
  });

  it("sends events without properties", async () => {
    const { bodies } = await send({ ...base, event: "e" });
    expect(bodies).toEqual([{ libary: LIBARY, messageId: "u-1", timestamp: "2023-03-01T10:00:00.000Z", userId: "user-42", event: "e", type: "track" }]);
  });

  it("logs the response text of a failed delivery and does not retry", async () => {
    const { bodies, consoleLogs, connector } = await send({ ...base, event: "e", properties: {} }, { status: 401, body: "bad auth" });
    expect(bodies).toHaveLength(1);
    expect(consoleLogs).toEqual(["error: bad auth"]);
    expect(connector.errors).toEqual([]);
  });

  it("fails on an unparsable $current_url", async () => {
    await expect(send({ ...base, event: "e", properties: { $current_url: "not a url" } })).rejects.toThrow(/Invalid URL/);
  });

  it("runs through the harness as a destination with the secret redacted", async () => {
    const { connector, bodies } = await connect();
    await connector.onEvent(structuredClone(orderPlaced) as never);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ messageId: orderPlaced.uuid, type: "track", properties: { total: 30, a: { b: 1 } } });
    expect(connector.requests[0]!.headers.authorization).not.toContain("abc");
  });

  it("rejects a config without webhook URL or auth header", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { webhookUrl: HOOK } })).rejects.toThrow(/authHeader/);
    await expect(createTestConnector(dir, { module: plugin, config: { authHeader: "x" } })).rejects.toThrow(/webhookUrl/);
  });

  it("refuses to call a host other than the configured webhook", async () => {
    const { connector } = await connect();
    await expect(connector.meta.fetch("https://evil.example.com/")).rejects.toThrow();
  });
});

describe("setPath", () => {
  it("never writes through inherited keys", async () => {
    const { setPath } = await import("./lib/set-path.ts");
    const target: Record<string, unknown> = {};
    setPath(target, "properties.__proto__.polluted", 1);
    setPath(target, "properties.constructor.prototype.polluted", 1);
    setPath(target, "properties.list[1]", "x");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(target).toEqual({ properties: { list: [undefined, "x"] } });
  });
});
