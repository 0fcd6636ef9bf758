import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { DEVELOPMENT_KEY_ID, keyIdOf } from "@connectors/registry-client";
import { describe, expect, it } from "vitest";
import { SigningKeyError } from "../errors.ts";
import { readGenerationInfo } from "../build/generation-info.ts";
import { loadSigningKey, TEST_PUBLIC_KEY_FILE } from "./load-signing-key.ts";

const pem = (type: "ed25519" | "rsa") =>
  (type === "rsa" ? generateKeyPairSync("rsa", { modulusLength: 1024 }) : generateKeyPairSync("ed25519")).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

describe("loadSigningKey", () => {
  it("uses the committed test key when CONNECTORS_SIGNING_KEY is unset, and says so", () => {
    const key = loadSigningKey({});
    expect(key.isTestKey).toBe(true);
    expect(key.publicPem).toBe(readFileSync(TEST_PUBLIC_KEY_FILE, "utf8"));
    expect(key.keyId).toMatch(/^ed25519:[0-9a-f]{16}$/);
  });

  it("the client knows the committed key's id, so instances refuse it unless told otherwise", () => {
    expect(keyIdOf(readFileSync(TEST_PUBLIC_KEY_FILE, "utf8"))).toBe(DEVELOPMENT_KEY_ID);
  });

  it("uses CONNECTORS_SIGNING_KEY when set", () => {
    const key = loadSigningKey({ CONNECTORS_SIGNING_KEY: pem("ed25519") });
    expect(key.isTestKey).toBe(false);
    expect(key.keyId).not.toBe(loadSigningKey({}).keyId);
  });

  it.each([
    ["not PEM", "hello", /does not hold a PEM private key/],
    ["an RSA key", pem("rsa"), /holds a rsa key; the registry signs with Ed25519/],
  ])("rejects %s without echoing it", (_name, value, message) => {
    expect(() => loadSigningKey({ CONNECTORS_SIGNING_KEY: value })).toThrow(SigningKeyError);
    expect(() => loadSigningKey({ CONNECTORS_SIGNING_KEY: value })).toThrow(message);
    expect(() => loadSigningKey({ CONNECTORS_SIGNING_KEY: value })).not.toThrow(value.slice(0, 40));
  });
});

describe("readGenerationInfo", () => {
  it("takes the time from SOURCE_DATE_EPOCH, never the clock", () => {
    expect(readGenerationInfo(import.meta.dirname, { SOURCE_DATE_EPOCH: "1700000000" }).time).toBe("2023-11-14T22:13:20.000Z");
  });

  it("takes the commit time of HEAD otherwise", () => {
    const info = readGenerationInfo(import.meta.dirname, {});
    expect(info.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(readGenerationInfo(import.meta.dirname, {})).toEqual(info);
  });
});
