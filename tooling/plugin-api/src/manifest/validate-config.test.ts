import { describe, expect, it } from "vitest";
import { buildConfigSchema } from "./config-schema.ts";
import { validateConfig } from "./validate-config.ts";
import type { PluginManifest } from "./types.ts";

const postgresLike: PluginManifest = {
  name: "pg",
  config: [
    { markdown: "Fill in a URL, or the fields below." },
    { key: "databaseUrl", type: "string", secret: true },
    { key: "host", type: "string", required_if: [["databaseUrl", ""]], visible_if: [["databaseUrl", ""]] },
    { key: "password", type: "string", secret: true, required: true, visible_if: [["databaseUrl", ""]] },
    { key: "stage", type: "choice", choices: ["S3", "GCS"], default: "S3", required: true },
    { key: "awsKey", type: "string", required_if: [["stage", "S3"]] },
    { key: "gcsKey", type: "attachment", required_if: [["stage", "GCS"]] },
    { key: "mapping", type: "json" },
    { key: "headers", type: "dictionary" },
    { key: "percentage", type: "string", default: "100" },
  ],
};

function messages(config: unknown, attachments: string[] = []): Record<string, string> {
  const result = validateConfig(postgresLike, config, { attachments });
  return Object.fromEntries(result.issues.map((i) => [i.path, i.message]));
}

describe("validateConfig", () => {
  it("applies defaults and accepts a complete config", () => {
    const result = validateConfig(postgresLike, { databaseUrl: "postgres://u:p@h/db", awsKey: "AK" });
    expect(result).toEqual({ ok: true, issues: [], value: { databaseUrl: "postgres://u:p@h/db", awsKey: "AK", stage: "S3", percentage: "100" } });
  });

  it("requires a field by required_if, and says why", () => {
    expect(messages({ awsKey: "AK", password: "x" })).toEqual({ "/host": "config.host is required (required when databaseUrl is empty)" });
  });

  it("does not require a field that visible_if hides", () => {
    expect(messages({ databaseUrl: "postgres://x", awsKey: "AK" })).toEqual({});
    expect(messages({ host: "h", awsKey: "AK" })).toEqual({ "/password": "config.password is required (required when databaseUrl is empty)" });
  });

  it("treats an empty string as missing for a required field", () => {
    expect(messages({ databaseUrl: "u", awsKey: "" })["/awsKey"]).toBe('config.awsKey is required (required when stage is "S3") and must not be empty');
  });

  it("requires an attachment by condition and accepts it from attachments", () => {
    expect(messages({ databaseUrl: "u", stage: "GCS" })).toEqual({ "/gcsKey": 'config.gcsKey is required (required when stage is "GCS")' });
    expect(messages({ databaseUrl: "u", stage: "GCS" }, ["gcsKey"])).toEqual({});
  });

  it("refuses an attachment passed as a config value", () => {
    expect(messages({ databaseUrl: "u", awsKey: "a", gcsKey: "file contents" })["/gcsKey"]).toMatch(/is an attachment/);
  });

  it.each([
    [{ percentage: 50 }, "/percentage", "config.percentage must be a string (got 50, number)"],
    [{ stage: "Azure" }, "/stage", 'config.stage must be one of "S3", "GCS" (got "Azure")'],
    [{ mapping: "{not json" }, "/mapping", 'config.mapping must be valid JSON text (got "{not json")'],
    [{ headers: { a: 1 } }, "/headers/a", "config.headers.a must be a string (got 1, number)"],
    [{ percentag: "5" }, "/percentag", "config.percentag is not a known field"],
  ])("rejects %j", (extra, path, message) => {
    expect(messages({ databaseUrl: "u", awsKey: "a", ...extra })[path]).toBe(message);
  });

  it("suggests the key meant by a typo", () => {
    const result = validateConfig(postgresLike, { databaseUrl: "u", awsKey: "a", percentag: "5" });
    expect(result.issues[0]?.fix).toBe('did you mean "percentage"?');
  });

  it("never echoes a secret value", () => {
    const result = validateConfig(postgresLike, { databaseUrl: 123456789, awsKey: "a" });
    expect(JSON.stringify(result.issues)).not.toContain("123456789");
    expect(result.issues[0]?.message).toBe("config.databaseUrl must be a string (got a secret number, number)");
  });

  it.each([
    ["url", "https://*.com"],
    ["url", "https://api.example.com/*"],
    ["hostname", "*.internal"],
    ["hostname", "db.*.example.com"],
  ])("refuses a pattern in a %s field (%s), naming the field and never quoting the value", (format, value) => {
    const manifest: PluginManifest = { name: "x", config: [{ key: "endpoint", type: "string", format: format as "url" | "hostname", secret: true }, { key: "note", type: "string" }] };
    const result = validateConfig(manifest, { endpoint: value, note: "*" });
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ path: "/endpoint", severity: "error", message: expect.stringContaining("config.endpoint holds \"*\"") })]);
    expect(JSON.stringify(result.issues)).not.toContain(value);
  });

  it("rejects a config that is not an object", () => {
    expect(validateConfig(postgresLike, "name=Alice").issues[0]?.message).toBe("config must be an object of field values (got string)");
  });
});

describe("buildConfigSchema", () => {
  it("marks secrets writeOnly and keeps their defaults out", () => {
    const schema = buildConfigSchema({ config: [{ key: "token", secret: true, name: "Token" }] });
    expect(schema.properties).toEqual({ token: { type: "string", title: "Token", writeOnly: true } });
  });

  it("lets an optional choice be empty", () => {
    const schema = buildConfigSchema({ config: [{ key: "m", type: "choice", choices: ["a"] }] });
    expect((schema.properties as Record<string, { enum: string[] }>).m?.enum).toEqual(["a", ""]);
  });
});
