import { describe, expect, it } from "vitest";
import { buildCreateTable, buildInsert } from "./lib/build-insert.ts";
import { parseEvent, type ParsedEvent } from "./lib/parse-event.ts";
import { readSettings, sanitizeTableName } from "./lib/read-settings.ts";
import { retryDelayMs } from "./lib/upload-batch.ts";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const base = { event: "signup", distinct_id: "d1", team_id: 2, ip: null, uuid: "u1", timestamp: "2024-03-05T10:00:00Z", properties: {} };

describe("readSettings", () => {
  it("uses databaseUrl as the connection string and always asks for verified TLS (the URL's sslmode wins in pg)", () => {
    const settings = readSettings({ databaseUrl: "postgres://ph:secret@db:5432/analytics?sslmode=disable", hasSelfSignedCert: "No", tableName: "posthog_event", eventsToIgnore: "$feature_flag_called, $pageleave ," });
    expect(settings.client).toMatchObject({ connectionString: "postgres://ph:secret@db:5432/analytics?sslmode=disable", ssl: { rejectUnauthorized: true } });
    expect(settings.table).toBe("posthog_event");
    expect(settings.eventsToIgnore).toEqual(["$feature_flag_called", "$pageleave"]);
  });

  it("builds the client from the separate fields, port as an integer; a self-signed certificate is not verified", () => {
    const settings = readSettings({ host: "pg.example.com", port: "6543", dbName: "dev", dbUsername: "ph", dbPassword: "pw", hasSelfSignedCert: "Yes" });
    expect(settings.client).toMatchObject({ host: "pg.example.com", port: 6543, database: "dev", user: "ph", password: "pw", ssl: { rejectUnauthorized: false } });
  });

  it.each(["host", "port", "dbName", "dbUsername", "dbPassword"])("without databaseUrl, a missing %s is an error", (key) => {
    const config: Record<string, string> = { host: "pg.example.com", port: "5439", dbName: "dev", dbUsername: "ph", dbPassword: "pw" };
    delete config[key];
    expect(() => readSettings(config)).toThrow(`Required config option ${key} is missing!`);
  });

  it("rejects a port that is not a number and a table name with nothing usable", () => {
    expect(() => readSettings({ host: "h", port: "abc", dbName: "d", dbUsername: "u", dbPassword: "p" })).toThrow(/port must be a TCP port/);
    expect(() => readSettings({ databaseUrl: "postgres://x", tableName: "---" })).toThrow(/tableName "---"/);
  });

  it("sanitises the table name to letters, digits and _ (dots removed too)", () => {
    expect(sanitizeTableName("my-table;drop")).toBe("mytabledrop");
    expect(sanitizeTableName("analytics.events")).toBe("analyticsevents");
    expect(sanitizeTableName("posthog_event")).toBe("posthog_event");
  });
});

describe("parseEvent", () => {
  it("turns the spec's example into the row of parameters", () => {
    const row = parseEvent({ ...base, properties: { $ip: "8.8.8.8", plan: "pro" }, $set: { email: "a@b.co" }, $set_once: { first: "x" } }) as ParsedEvent;
    expect(buildInsert("posthog_event", [row]).values).toEqual(["u1", "signup", '{"$ip":"8.8.8.8","plan":"pro"}', "[]", '{"email":"a@b.co"}', '{"first":"x"}', "d1", 2, "8.8.8.8", null, "2024-03-05T10:00:00.000Z"]);
  });

  it("moves $elements of an $autocapture into elements, and only there", () => {
    const autocapture = parseEvent({ ...base, event: "$autocapture", properties: { $event_type: "click", $elements: [{ tag_name: "a" }] } }) as ParsedEvent;
    expect(autocapture.properties).toBe('{"$event_type":"click"}');
    expect(autocapture.elements).toBe('[{"tag_name":"a"}]');
    const other = parseEvent({ ...base, properties: { $elements: [1] } }) as ParsedEvent;
    expect(other.properties).toBe('{"$elements":[1]}');
    expect(other.elements).toBe("[]");
  });

  it("takes ip from properties.$ip, else the top-level ip; site_url from the event or NULL", () => {
    expect((parseEvent({ ...base, ip: "9.9.9.9" }) as ParsedEvent).ip).toBe("9.9.9.9");
    expect((parseEvent({ ...base, ip: "9.9.9.9", properties: { $ip: "1.2.3.4" } }) as ParsedEvent).ip).toBe("1.2.3.4");
    expect((parseEvent(base) as ParsedEvent).ip).toBeNull();
    expect((parseEvent(base) as ParsedEvent).site_url).toBeNull();
    expect((parseEvent({ ...base, site_url: "https://a.b" } as never) as ParsedEvent).site_url).toBe("https://a.b");
  });

  it("takes the timestamp from timestamp, properties.timestamp, now, sent_at in that order", () => {
    const noTs = { ...base, timestamp: "" };
    expect((parseEvent({ ...noTs, properties: { timestamp: "2024-01-02T00:00:00Z" }, now: "2024-01-03T00:00:00Z" } as never) as ParsedEvent).timestamp).toBe("2024-01-02T00:00:00.000Z");
    expect((parseEvent({ ...noTs, now: "2024-01-03T00:00:00Z", sent_at: "2024-01-04T00:00:00Z" } as never) as ParsedEvent).timestamp).toBe("2024-01-03T00:00:00.000Z");
    expect((parseEvent({ ...noTs, sent_at: "2024-01-04T00:00:00Z" } as never) as ParsedEvent).timestamp).toBe("2024-01-04T00:00:00.000Z");
  });

  it("returns an error naming the event when no timestamp is usable", () => {
    const result = parseEvent({ ...base, timestamp: "not a date" });
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(/event u1 \("signup"\) has no valid timestamp/);
  });

  it("fills a missing uuid with a random UUID v4 (the original's third group was malformed)", () => {
    const row = parseEvent({ ...base, uuid: undefined as never }) as ParsedEvent;
    expect(row.uuid).toMatch(UUID_V4);
    expect((parseEvent({ ...base, uuid: undefined as never }) as ParsedEvent).uuid).not.toBe(row.uuid);
  });

  it("defaults $set, $set_once to {} and survives a missing properties object", () => {
    const row = parseEvent({ ...base, properties: undefined as never }) as ParsedEvent;
    expect([row.properties, row.set, row.set_once, row.elements]).toEqual(["{}", "{}", "{}", "[]"]);
  });
});

describe("statements", () => {
  it("creates the table in public with JSONB columns", () => {
    expect(buildCreateTable("posthog_event")).toBe(
      "CREATE TABLE IF NOT EXISTS public.posthog_event (uuid varchar(200), event varchar(200), properties jsonb, elements jsonb, set jsonb, set_once jsonb, timestamp timestamp with time zone, team_id int, distinct_id varchar(200), ip varchar(200), site_url varchar(200));",
    );
  });

  it("numbers the placeholders of a multi-row insert 1..11, 12..22", () => {
    const row = parseEvent(base) as ParsedEvent;
    const { text, values } = buildInsert("t", [row, row]);
    expect(text).toBe(
      "INSERT INTO t (uuid, event, properties, elements, set, set_once, distinct_id, team_id, ip, site_url, timestamp) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11), ($12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)",
    );
    expect(values).toHaveLength(22);
  });

  it("backs off 3 s, 6 s, 12 s ... 2^15 × 3 s", () => {
    expect([0, 1, 2, 15].map(retryDelayMs)).toEqual([3000, 6000, 12000, 98_304_000]);
  });
});
