import { createTestConnector } from "@connectors/testkit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import identify from "./fixtures/identify.json" with { type: "json" };
import purchased from "./fixtures/purchased.json" with { type: "json" };
import * as plugin from "./index.ts";
import { buildUserBody } from "./lib/build-user-body.ts";
import { flattenAttributes } from "./lib/flatten-attributes.ts";

const dir = import.meta.dirname;
const config = { publicKey: "pk_live", secret: "sk_live" };

async function setup(status = 200) {
  const connector = await createTestConnector(dir, { module: plugin, config });
  const auth: string[] = [];
  connector.mocks.on("*", "https://api.engage.so/*", (request) => (auth.push(request.headers.authorization!), { status, json: {} }));
  return { connector, auth };
}

function event(name: string, properties: Record<string, unknown>, distinct_id = "u-1") {
  return { event: name, distinct_id, team_id: 2, uuid: `uuid-${name}`, timestamp: "2024-03-05T10:00:00.000Z", properties } as unknown as ProcessedPluginEvent;
}

const headers = { "content-type": "application/json", authorization: "[REDACTED]" };

describe("engage-so", () => {
  it("upserts the spec's identify example (PUT, Basic auth, flattened meta without the parent prefix)", async () => {
    const { connector, auth } = await setup();
    await connector.onEvent(structuredClone(identify));
    expect(connector.requests).toEqual([
      {
        method: "PUT",
        url: "https://api.engage.so/v1/users/u-1",
        headers,
        body: JSON.stringify({
          email: "ada@example.com",
          date: "2024-01-02T03:04:05.000Z",
          device_token: "tok-abc",
          device_platform: "iOS iOS",
          first_name: "Ada",
          last_name: "Lovelace",
          meta: { name: "Acme", size: 10, first_seen_plan: "free" },
        }),
        status: 200,
        via: "mock",
      },
    ]);
    expect(auth).toEqual(["Basic cGtfbGl2ZTpza19saXZl"]);
  });

  it("tracks the spec's custom event example (value top-level, $set attributes as properties, event properties not sent)", async () => {
    const { connector } = await setup();
    await connector.onEvent(structuredClone(purchased));
    expect(connector.requests).toEqual([
      { method: "POST", url: "https://api.engage.so/v1/users/u-1/events", headers, body: '{"value":99,"properties":{"tier":"gold"},"event":"Purchased"}', status: 200, via: "mock" },
    ]);
  });

  it.each([["$pageview"], ["$autocapture"], ["plugin_ran"], ["pluginDisabled"]])("sends nothing for %s", async (name) => {
    const { connector } = await setup();
    await connector.onEvent(event(name, { $set: { email: "a@b.c" } }));
    expect(connector.requests).toEqual([]);
  });

  it("keeps a falsy value and omits empty properties on a custom event", async () => {
    const { connector } = await setup();
    await connector.onEvent(event("Clicked", { $set: { value: 0 } }));
    expect(connector.requests[0]!.body).toBe('{"value":0,"event":"Clicked"}');
    await connector.onEvent(event("Clicked", { plan: "pro" }));
    expect(connector.requests[1]!.body).toBe('{"event":"Clicked"}');
  });

  it("lets $set_once win over $set and drops $ keys", async () => {
    const { connector } = await setup();
    await connector.onEvent(event("$identify", { $set: { email: "new@x.io", plan: "pro", $browser: "x" }, $set_once: { plan: "free" } }));
    expect(JSON.parse(connector.requests[0]!.body)).toEqual({ email: "new@x.io", meta: { plan: "free" } });
  });

  it("does not crash when $device_id is set without $device_type (bug fix): no device fields", async () => {
    const { connector } = await setup();
    await connector.onEvent(event("$identify", { $device_id: "tok", $set: { email: "a@b.c" } }));
    expect(JSON.parse(connector.requests[0]!.body)).toEqual({ email: "a@b.c" });
  });

  it("adds device fields for android (case-insensitive) with a missing $os as ''", async () => {
    const { connector } = await setup();
    await connector.onEvent(event("$identify", { $device_id: "tok", $device_type: "Android", $set: { email: "a@b.c" } }));
    expect(JSON.parse(connector.requests[0]!.body)).toEqual({ email: "a@b.c", device_token: "tok", device_platform: " Android" });
  });

  it("does not add device fields for a desktop device or on custom events", async () => {
    const { connector } = await setup();
    await connector.onEvent(event("$identify", { $device_id: "tok", $device_type: "Desktop", $os: "Mac OS X", $set: { email: "a@b.c" } }));
    await connector.onEvent(event("Tapped", { $device_id: "tok", $device_type: "iOS", $os: "iOS" }));
    expect(connector.requests.map((r) => r.body)).toEqual(['{"email":"a@b.c"}', '{"event":"Tapped"}']);
  });

  it("treats null as a leaf value (bug fix: the original crashed)", async () => {
    const { connector } = await setup();
    await connector.onEvent(event("$identify", { $set: { email: "a@b.c", company: null, tags: ["x", null] } }));
    expect(JSON.parse(connector.requests[0]!.body)).toEqual({ email: "a@b.c", meta: { company: null, "0": "x", "1": null } });
  });

  it("URL-encodes the distinct_id in the path", async () => {
    const { connector } = await setup();
    await connector.onEvent(event("Signed Up", {}, "a/b c@x"));
    expect(connector.requests[0]!.url).toBe("https://api.engage.so/v1/users/a%2Fb%20c%40x/events");
  });

  it("skips (with a warning) an event without distinct_id", async () => {
    const { connector } = await setup();
    const bad = event("Signed Up", {});
    delete (bad as { distinct_id?: string }).distinct_id;
    await connector.onEvent(bad);
    expect(connector.requests).toEqual([]);
    expect(connector.logs.at(-1)).toMatchObject({ level: "warn", message: "Event uuid-Signed Up (Signed Up) has no distinct_id; not sent to Engage" });
  });

  it("sends an identify without properties as an empty user", async () => {
    const { connector } = await setup();
    await connector.onEvent({ event: "$identify", distinct_id: "u-9", team_id: 2, uuid: "x" } as never);
    expect(connector.requests.map((r) => [r.method, r.url, r.body])).toEqual([["PUT", "https://api.engage.so/v1/users/u-9", "{}"]]);
  });

  it("never throws on 401/500 or network errors; logs them with the event uuid", async () => {
    const { connector } = await setup(401);
    await expect(connector.onEvent(structuredClone(purchased))).resolves.toBeUndefined();
    expect(connector.logs.at(-1)).toMatchObject({ level: "error" });
    expect(connector.logs.at(-1)!.message).toContain(`HTTP 401`);
    expect(connector.logs.at(-1)!.message).toContain(purchased.uuid);

    const broken = await createTestConnector(dir, { module: plugin, config });
    broken.mocks.on("*", "https://api.engage.so/*", { error: "ECONNREFUSED" });
    await expect(broken.onEvent(structuredClone(identify))).resolves.toBeUndefined();
    expect(broken.logs.at(-1)!.message).toBe(`Engage PUT https://api.engage.so/v1/users/u-1 failed: fetch failed: ECONNREFUSED (event ${identify.uuid} not delivered)`);
    expect(broken.secretsLogged).toBe(0);
  });

  it("refuses a config without keys", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { publicKey: "pk" } })).rejects.toThrow(/secret/);
  });
});

describe("buildUserBody", () => {
  it("drops uid, keeps falsy named fields in meta, fills only missing names, drops extra words", () => {
    expect(buildUserBody({ uid: "x", first_name: "", last_name: "Byron", name: "Ada King Lovelace", number: "+1" })).toEqual({
      last_name: "Byron",
      number: "+1",
      first_name: "Ada",
      meta: { first_name: "" },
    });
  });

  it("keeps an unparseable created_at in meta", () => {
    expect(buildUserBody({ created_at: "soon" })).toEqual({ meta: { created_at: "soon" } });
  });

  it("needs both device fields", () => {
    expect(buildUserBody({ device_token: "t" })).toEqual({ meta: { device_token: "t" } });
  });
});

describe("flattenAttributes", () => {
  it("later leaves overwrite earlier ones; arrays give index keys", () => {
    expect(flattenAttributes({ a: { id: 1 }, b: { id: 2 }, list: [{ x: 1 }, "y"] })).toEqual({ id: 2, x: 1, "1": "y" });
  });
});
