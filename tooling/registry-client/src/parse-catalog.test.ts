import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CatalogFormatError } from "./errors.ts";
import { parseCatalog } from "./parse-catalog.ts";
import { signDetached, verifyDetached } from "./signature.ts";

const entry = (i: number) => ({
  slug: `c${String(i).padStart(4, "0")}`,
  packageName: `posthog-c${i}-plugin`,
  version: "1.0.0",
  name: `Connector ${i}`,
  type: "destination",
  capabilities: { methods: ["onEvent", "setupPlugin"], scheduledTasks: [], jobs: [] },
  configSchema: { type: "object", properties: { apiKey: { type: "string", writeOnly: true }, host: { type: "string", default: "https://api.example.com" } } },
  allowedHosts: ["api.example.com"],
  bundle: { url: `bundles/c${i}-1.0.0.js`, path: `bundles/c${i}-1.0.0.js`, integrity: `sha256-${"A".repeat(43)}=`, size: 1234 },
  approval: { approvedBy: "alice", approvedAt: "2026-01-01T00:00:00Z" },
});
const signed = { keyId: "k", generation: 7, signedAt: "2026-01-01T00:00:00.000Z", expiresAt: "2026-01-08T00:00:00.000Z" };
const catalog = (connectors: unknown[], schemaVersion = 2, extra: Record<string, unknown> = {}) => ({ $schema: "x", schemaVersion, generated: { commit: "a", time: "2026-01-01T00:00:00.000Z" }, connectors, revoked: [], files: {}, signed, ...extra });

describe("parseCatalog", () => {
  // Its speed is measured by `pnpm bench --suite registry` ("synthetic 1000: client verify+parse"), not here.
  it("verifies and parses a 1,000-entry catalog, every entry kept in order", () => {
    const text = Buffer.from(JSON.stringify(catalog(Array.from({ length: 1000 }, (_, i) => entry(i))), null, 2));
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const signature = signDetached(text, privateKey);
    expect(() => verifyDetached(text, signature, publicKey)).not.toThrow();
    const parsed = parseCatalog(text.toString("utf8"));
    expect(parsed.connectors).toHaveLength(1000);
    expect(parsed.connectors.map((c) => c.slug)).toEqual(Array.from({ length: 1000 }, (_, i) => entry(i).slug));
  });

  it.each([
    ["not JSON", "{", /not valid JSON/],
    ["a newer schemaVersion", JSON.stringify(catalog([], 3)), /schemaVersion 3.*upgrade @connectors\/registry-client/],
    ["schemaVersion 1 (no expiry, no generation)", JSON.stringify(catalog([], 1)), /schemaVersion 1; this client needs 2/],
    ["the unsigned output of registry build", JSON.stringify(catalog([], 2, { signed: undefined })), /no "signed" block.*pnpm registry build && pnpm registry sign/],
    ["a generation that is not a positive integer", JSON.stringify(catalog([], 2, { signed: { ...signed, generation: 1.5 } })), /signed\.generation is 1\.5, not a positive integer/],
    ["an expiresAt that is not a date", JSON.stringify(catalog([], 2, { signed: { ...signed, expiresAt: "soon" } })), /signed\.expiresAt is "soon", not an ISO date-time/],
    ["an entry without integrity", JSON.stringify(catalog([{ ...entry(1), bundle: { url: "u", path: "p", size: 1 } }])), /connectors\[0\] \(c0001\) has no bundle/],
  ])("rejects %s", (_name, text, message) => {
    expect(() => parseCatalog(text)).toThrow(CatalogFormatError);
    expect(() => parseCatalog(text)).toThrow(message);
  });
});
