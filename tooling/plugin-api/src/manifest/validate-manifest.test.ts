import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ManifestError } from "../errors.ts";
import { readManifest } from "./read-manifest.ts";
import { validateManifest } from "./validate-manifest.ts";

const everyField = {
  $schema: "../../tooling/plugin-api/plugin.schema.json",
  name: "Everything",
  url: "https://github.com/acme/everything",
  description: "Uses every real plugin.json field.",
  main: "index.ts",
  icon: "https://example.com/logo.png",
  posthogVersion: ">= 1.25.0",
  publicJobs: { "Clear storage": {}, Export: { payload: { dateFrom: { type: "date", title: "From", required: true } } } },
  allowedHosts: ["api.example.com", "*.example.org"],
  maintainer: { name: "Acme", email: "dev@acme.test" },
  categories: ["destination"],
  config: [
    { markdown: "Read [the docs](https://example.com) first." },
    { key: "databaseUrl", name: "URL", type: "string", secret: true, hint: "A full URL", format: "url" },
    { key: "host", name: "Host", type: "string", required_if: [["databaseUrl", ""]], visible_if: [["databaseUrl", ""]], order: 2 },
    { key: "mode", name: "Mode", type: "choice", choices: ["A", "B"], default: "A", required: true },
    { key: "mapping", type: "json", default: "{}" },
    { key: "headers", type: "dictionary", default: { "x-a": "1" } },
    { key: "keyFile", type: "attachment", required: false, secret: true },
    { key: "legacy", name: "Legacy", type: "string", description: "non-standard but real", templating: true },
  ],
};

describe("validateManifest", () => {
  it("accepts every real plugin.json field", () => {
    const result = validateManifest(everyField);
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("accepts config given as an object keyed by field key, sorted by order", () => {
    const result = validateManifest({
      name: "Obj",
      config: { b: { name: "B", type: "string", order: 2 }, a: { name: "A", type: "string", order: 1 } },
    });
    expect(result.ok && result.value.config?.map((f) => f.key)).toEqual(["a", "b"]);
  });

  it("returns every issue at once, each with a path and a fix", () => {
    const result = validateManifest({
      description: 42,
      config: [
        { key: "mode", type: "choice" },
        { key: "kind", type: "number" },
        { name: "no key and no markdown" },
      ],
    });
    expect(result.ok).toBe(false);
    const byPath = Object.fromEntries(result.issues.map((i) => [i.path, i.message]));
    expect(byPath["/name"]).toBe('"name" is required');
    expect(byPath["/description"]).toMatch(/must be a string \(got 42, number\)/);
    expect(byPath["/config/1/type"]).toMatch(/must be one of "string", "choice", "json", "attachment", "dictionary" \(got "number"\)/);
    expect(byPath["/config/2"]).toMatch(/needs "key" or "markdown"/);
  });

  it("reports a choice field without choices once the schema passes", () => {
    const result = validateManifest({ name: "x", config: [{ key: "mode", type: "choice" }] });
    expect(result.issues).toEqual([
      { path: "/config/0/choices", severity: "error", message: 'choice field "mode" has no "choices"', fix: 'add "choices": ["first option", "second option"]' },
    ]);
  });

  it.each([
    [{ name: "x", config: [{ key: "a" }, { key: "a" }] }, "/config/1/key", /used twice/],
    [{ name: "x", config: [{ key: "m", type: "choice", choices: ["A"], default: "B" }] }, "/config/0/default", /not one of its choices/],
    [{ name: "x", config: [{ key: "m", type: "choice", choices: ["A"], secret: true }] }, "/config/0/secret", /cannot be secret/],
    [{ name: "x", config: [{ key: "a", visible_if: [["nope", "1"]] }] }, "/config/0/visible_if/0/0", /unknown field "nope"/],
    [{ name: "x", stateless: true, config: [{ key: "a" }] }, "/stateless", /stateless connector cannot have config/],
    [{ name: "x", config: [{ key: "token", secret: true, default: "abc123" }] }, "/config/0/default", /would publish a secret/],
    [{ name: "<TODO: your plugin name>" }, "/name", /template placeholder/],
    [{ name: "x", main: "../escape.js" }, "/main", /invalid format/],
    [{ name: "x", allowedHosts: ["https://api.example.com/"] }, "/allowedHosts/0", /invalid format/],
  ])("rejects %j at %s", (manifest, path, message) => {
    const result = validateManifest(manifest);
    expect(result.ok).toBe(false);
    expect(result.issues.find((i) => i.path === path)?.message).toMatch(message);
  });

  it("only warns about unknown top-level fields, and suggests the field meant", () => {
    const result = validateManifest({ name: "x", descripton: "typo" });
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([
      { path: "/descripton", severity: "warning", message: '"descripton" is not a known field', fix: 'did you mean "description"?' },
    ]);
  });

  it("rejects an unknown key inside a config field", () => {
    const result = validateManifest({ name: "x", config: [{ key: "a", requird: true }] });
    expect(result.issues[0]).toMatchObject({ path: "/config/0/requird", severity: "error", fix: 'did you mean "required"?' });
  });

  it("rejects a manifest that is not an object", () => {
    expect(validateManifest([]).issues[0]?.message).toMatch(/must be an object \(got \[\], array\)/);
  });
});

describe("readManifest", () => {
  async function dirWith(text?: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "manifest-"));
    if (text !== undefined) await writeFile(join(dir, "plugin.json"), text);
    return dir;
  }

  it("names the file, line and column of malformed JSON", async () => {
    const dir = await dirWith('{\n  "name": "x",\n  "config": [}\n');
    const error = await readManifest(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).message).toContain(join(dir, "plugin.json"));
    expect((error as ManifestError).message).toMatch(/not valid JSON at line 3:14/);
  });

  it("explains a missing plugin.json", async () => {
    await expect(readManifest(await dirWith())).rejects.toThrow(/no plugin.json in this directory/);
  });

  it("returns the manifest with its warnings", async () => {
    const result = await readManifest(await dirWith(JSON.stringify({ name: "x", extra: 1 })));
    expect(result.manifest.name).toBe("x");
    expect(result.warnings).toHaveLength(1);
  });
});

describe("lifecycle fields (status, deprecation)", () => {
  const base = { name: "Old", config: [] };

  it("accepts a status, and a deprecation with its status", () => {
    expect(validateManifest({ ...base, status: "alpha" }).ok).toBe(true);
    expect(validateManifest({ ...base, status: "deprecated", deprecation: { date: "2026-11-01", replacement: "new-one", reason: "the API was retired" } }).ok).toBe(true);
  });

  it.each([
    ["deprecated without a deprecation", { status: "deprecated" }, "/deprecation", /needs a "deprecation"/],
    ["a deprecation on a stable connector", { status: "stable", deprecation: { date: "2026-11-01", replacement: "x" } }, "/status", /set "status": "deprecated"/],
    ["a deprecation without replacement", { status: "deprecated", deprecation: { date: "2026-11-01" } }, "/deprecation/replacement", /add "replacement"/],
    ["a date that is not YYYY-MM-DD", { status: "deprecated", deprecation: { date: "last week", replacement: "x" } }, "/deprecation/date", /date/],
    ["an unknown status", { status: "experimental" }, "/status", /alpha|beta|stable|deprecated/],
  ])("refuses %s, naming the field", (_name, extra, path, message) => {
    const result = validateManifest({ ...base, ...extra });
    expect(result.ok).toBe(false);
    const issue = result.issues.find((i) => i.path === path);
    expect(`${issue?.message} ${issue?.fix ?? ""}`).toMatch(message);
  });
});
