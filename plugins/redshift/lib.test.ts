import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import { buildCreateTable, buildInsert } from "./lib/build-statements.ts";
import { parseEvent, type ParsedEvent } from "./lib/parse-event.ts";
import { readSettings, sanitizeTableName } from "./lib/read-settings.ts";

const config = { clusterHost: "ph.abc123.eu-west-1.redshift.amazonaws.com", clusterPort: "5439", dbName: "dev", dbUsername: "ph", dbPassword: "pw", tableName: "posthog_event", eventsToIgnore: "$feature_flag_called" };
const batch = [
  { event: "$autocapture", distinct_id: "d1", team_id: 2, uuid: "u1", ip: null, timestamp: "2024-03-05T10:00:00Z", properties: { $ip: "1.1.1.1", $event_type: "click", $elements: [{ tag_name: "a" }] }, $set: { x: 1 } },
  { event: "paid", distinct_id: "d2", team_id: 2, uuid: "u3", ip: null, timestamp: "2024-03-05T10:00:02.5Z", properties: { amount: 3 } },
] as ProcessedPluginEvent[];
const rows = batch.map((e) => parseEvent(e) as ParsedEvent);
const COLUMNS = "uuid, event, properties, elements, set, set_once, distinct_id, team_id, ip, site_url, timestamp";

describe("readSettings", () => {
  it("connects to clusterHost:clusterPort (integer) without TLS options, and clamps the unused upload limits", () => {
    const settings = readSettings({ ...config, uploadMegabytes: "50", uploadSeconds: "0" });
    expect(settings.client).toEqual({ host: config.clusterHost, port: 5439, database: "dev", user: "ph", password: "pw", connectionTimeoutMillis: 5000, query_timeout: 20000 });
    expect([settings.uploadMegabytes, settings.uploadSeconds]).toEqual([10, 1]);
    expect(readSettings({ ...config, uploadSeconds: "x" }).uploadSeconds).toBe(1);
    expect(settings.eventsToIgnore).toEqual(["$feature_flag_called"]);
    expect(readSettings({ ...config, eventsToIgnore: "" }).eventsToIgnore).toEqual([]);
  });

  it.each(["clusterHost", "clusterPort", "dbName", "dbUsername", "dbPassword"] as const)("a missing %s is an error", (key) => {
    const partial: Record<string, string> = { ...config };
    delete partial[key];
    expect(() => readSettings(partial)).toThrow(`Required config option ${key} is missing!`);
  });

  it("insists on a Redshift host", () => {
    expect(() => readSettings({ ...config, clusterHost: "db.example.com" })).toThrow("Cluster host must be a valid AWS Redshift host");
  });

  it("sanitises the table name, keeping dots", () => {
    expect(sanitizeTableName("my-table;drop")).toBe("mytabledrop");
    expect(sanitizeTableName("analytics.events")).toBe("analytics.events");
    expect(() => readSettings({ ...config, tableName: "--;" })).toThrow(/tableName/);
  });
});

describe("statements", () => {
  it("creates the table with varchar(65535) or super JSON columns", () => {
    expect(buildCreateTable("posthog_event", "varchar")).toBe(
      "CREATE TABLE IF NOT EXISTS public.posthog_event (uuid varchar(200), event varchar(200), properties varchar(65535), elements varchar(65535), set varchar(65535), set_once varchar(65535), timestamp timestamp with time zone, team_id int, distinct_id varchar(200), ip varchar(200), site_url varchar(200));",
    );
    expect(buildCreateTable("t", "super")).toContain("properties super, elements varchar(65535), set super, set_once super,");
  });

  it("builds the spec's example statement and parameters", () => {
    const { text, values } = buildInsert("posthog_event", rows, "varchar");
    expect(text).toBe(`INSERT INTO posthog_event (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11), ($12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`);
    expect(values).toEqual([
      "u1", "$autocapture", '{"$ip":"1.1.1.1","$event_type":"click"}', '[{"tag_name":"a"}]', '{"x":1}', "{}", "d1", 2, "1.1.1.1", "", "2024-03-05T10:00:00.000Z",
      "u3", "paid", '{"amount":3}', "[]", "{}", "{}", "d2", 2, null, "", "2024-03-05T10:00:02.500Z",
    ]);
  });

  it("wraps the JSON placeholders in JSON_PARSE in super mode and keeps the parameters plain JSON (fixed)", () => {
    const { text, values } = buildInsert("posthog_event", rows, "super");
    expect(text).toBe(
      `INSERT INTO posthog_event (${COLUMNS}) VALUES ($1, $2, JSON_PARSE($3), $4, JSON_PARSE($5), JSON_PARSE($6), $7, $8, $9, $10, $11), ($12, $13, JSON_PARSE($14), $15, JSON_PARSE($16), JSON_PARSE($17), $18, $19, $20, $21, $22)`,
    );
    expect(values).toEqual(buildInsert("posthog_event", rows, "varchar").values);
  });
});

describe("parseEvent", () => {
  it("returns an error for an invalid timestamp instead of failing the batch", () => {
    const result = parseEvent({ ...batch[1]!, timestamp: "soon" });
    expect((result as Error).message).toBe('event u3 ("paid") has an invalid timestamp "soon"; it was not inserted');
  });

  it("takes the top-level ip when properties have none, and moves $elements only for $autocapture", () => {
    expect((parseEvent({ ...batch[1]!, ip: "9.9.9.9" }) as ParsedEvent).ip).toBe("9.9.9.9");
    expect((parseEvent({ ...batch[1]!, properties: { $elements: [] } }) as ParsedEvent).properties).toBe('{"$elements":[]}');
  });
});
