import { describe, expect, it } from "vitest";
import { FixtureSecrets, suggestUrlPattern } from "./fixture-secrets.ts";

describe("suggestUrlPattern", () => {
  it.each([
    ["https://track.customer.io/api/v1/customers/user-7", "https://track.customer.io/api/v1/customers/*"],
    ["https://track.customer.io/api/v1/customers/user-7/events", "https://track.customer.io/api/v1/customers/*"],
    ["https://api.example.com/people/a%40b.com", "https://api.example.com/people/*"],
    ["https://api.example.com/v2.1/track?key=abc", "https://api.example.com/v2.1/track*"],
    ["https://api.customer.io/v1/api/info/ip_addresses", "https://api.customer.io/v1/api/info/ip_addresses"],
    ["https://api.example.com", "https://api.example.com"],
  ])("%s -> %s", (url, pattern) => {
    expect(suggestUrlPattern(url)).toBe(pattern);
  });
});

describe("FixtureSecrets", () => {
  const manifest = { name: "X", config: [{ key: "token", type: "string" as const, secret: true }, { key: "site", type: "string" as const, secret: true }, { key: "region", type: "string" as const }] };

  it("replaces secrets (raw and URL-encoded) by the fixture config's values, else fixture-<key>", () => {
    const secrets = new FixtureSecrets(manifest, { token: "t/secret+1", site: "site-99", region: "eu" }, { token: "key-conformance" });
    expect(secrets.replace("https://x.test/a?token=t%2Fsecret%2B1&s=site-99")).toBe("https://x.test/a?token=key-conformance&s=fixture-site");
    expect(secrets.config({ token: "t/secret+1", site: "site-99", region: "eu" })).toEqual({ token: "key-conformance", site: "fixture-site", region: "eu" });
  });

  it("leaves short values alone (they are not treated as secrets)", () => {
    expect(new FixtureSecrets(manifest, { token: "ab" }, undefined).replace("abc")).toBe("abc");
  });
});
