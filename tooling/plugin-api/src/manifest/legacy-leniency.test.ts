import { describe, expect, it } from "vitest";
import { LEGACY_NOTE } from "./legacy-leniency.ts";
import { validateManifest } from "./validate-manifest.ts";

const SECRET_DEFAULT = "sk_live_do-not-print-me";

// Quirks found in plugin.json files PostHog installed and ran.
const QUIRKY = {
  name: "Legacy export",
  url: "TODO",
  description: "",
  posthogVersion: "",
  config: [
    { key: "apiKey", name: "API key", type: "string", secret: true, default: SECRET_DEFAULT, required: "true" },
    { key: "region", type: "choice", choices: ["eu", "us"], default: "apac", secret: true },
    { key: "batchSize", name: "Batch size", type: "number", placeholder: "100", hint: 5, order: "1" },
    { key: "Event names", type: "string" },
    { key: "dup" },
    { key: "dup", name: "again" },
    { key: "onlyIf", visible_if: [["missingField", "yes"]] },
    { name: "an entry with neither key nor markdown" },
    { key: "last", secret: "false" },
  ],
};

describe("manifest strictness", () => {
  it("keeps the official rules strict by default: every quirk is an error", () => {
    const result = validateManifest(QUIRKY);
    expect(result.ok).toBe(false);
    expect(result.issues.filter((i) => i.severity === "error").map((i) => i.path)).toEqual(
      expect.arrayContaining(["/url", "/posthogVersion", "/config/2/placeholder", "/config/2/type", "/config/0/required", "/config/3/key", "/config/7"]),
    );
    const official = validateManifest({ name: "X", url: "https://github.com/x/y", config: [{ key: "apiKey", secret: true, default: "x" }] });
    expect(official.ok).toBe(false);
    expect(official.issues).toEqual([expect.objectContaining({ path: "/config/0/default", severity: "error" })]);
  });

  it("downgrades what PostHog accepted to warnings for third-party connectors and normalises the manifest", () => {
    const result = validateManifest(QUIRKY, { strictness: "legacy" });
    expect(result.ok).toBe(true);
    expect(result.issues.every((i) => i.severity === "warning" && i.message.endsWith(`(${LEGACY_NOTE})`))).toBe(true);
    expect(result.issues.map((i) => i.path).sort()).toEqual(
      [
        "/url",
        "/description",
        "/posthogVersion",
        "/config/0/required",
        "/config/0/default",
        "/config/1/default",
        "/config/1/default",
        "/config/1/secret",
        "/config/2/placeholder",
        "/config/2/type",
        "/config/2/hint",
        "/config/2/order",
        "/config/3/key",
        "/config/5/key",
        "/config/6/visible_if/0/0",
        "/config/7",
        "/config/8/secret",
      ].sort(),
    );
    const manifest = result.value!;
    expect(manifest.url).toBeUndefined();
    expect(manifest.config![0]).toMatchObject({ key: "apiKey", required: true, secret: true, default: SECRET_DEFAULT });
    expect(manifest.config![2]).toEqual({ key: "batchSize", name: "Batch size", type: "string" });
    expect(manifest.config![7]).toEqual({ markdown: "" });
    expect(manifest.config![8]).toMatchObject({ secret: false });
    expect(QUIRKY.config[0]!.required).toBe("true");
  });

  it("never echoes a secret field's default in any message", () => {
    for (const strictness of ["official", "legacy"] as const) {
      const text = JSON.stringify(validateManifest(QUIRKY, { strictness }).issues);
      expect(text).not.toContain(SECRET_DEFAULT);
      expect(text).not.toContain("apac");
    }
  });

  it("keeps what is unsafe or unusable an error even for third-party connectors", () => {
    const cases: Array<[unknown, string]> = [
      [{ url: "TODO" }, "/name"],
      [{ name: "X", main: "../outside.js" }, "/main"],
      [{ name: "X", allowedHosts: ["http://a.example/path"] }, "/allowedHosts/0"],
      [{ name: "X", stateless: true, config: [{ key: "a" }] }, "/stateless"],
      [{ name: "X", config: [{ key: "__proto__" }] }, "/config/0/key"],
      [{ name: "X", config: [{ key: "constructor" }] }, "/config/0/key"],
      [{ name: "X", config: [{ key: "mode", type: "choice" }] }, "/config/0/choices"],
      [{ name: "X", config: "not a list" }, "/config"],
    ];
    for (const [raw, path] of cases) {
      const result = validateManifest(raw, { strictness: "legacy" });
      expect(result.ok, JSON.stringify(raw)).toBe(false);
      expect(result.issues.filter((i) => i.severity === "error").map((i) => i.path)).toContain(path);
    }
  });

  it("normalises the object form of config (keyed by field key) too", () => {
    const result = validateManifest({ name: "X", url: "", config: { token: { name: "Token", secret: "yes", order: 2 }, site: { type: "url", order: 1 } } }, { strictness: "legacy" });
    expect(result.ok).toBe(true);
    expect(result.value!.config).toEqual([
      { key: "site", type: "string", order: 1 },
      { key: "token", name: "Token", secret: true, order: 2 },
    ]);
  });
});
