import { describe, expect, it } from "vitest";
import { REDACTED, createRedactor, redactDeep } from "./redact.ts";
import { redactErrorChain } from "./redact/redact-error-chain.ts";

const SECRET = "s3cr3t/tok+en=value é";
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

describe("createRedactor", () => {
  const redact = createRedactor([SECRET]);

  it.each([
    ["as is", `token ${SECRET} end`],
    ["URL-encoded", `https://x.test/?k=${encodeURIComponent(SECRET)}&a=1`],
    ["URL-encoded with lower-case hex", `k=${encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())}`],
    ["form-encoded", new URLSearchParams({ k: SECRET, a: "1" }).toString()],
    ["JSON-escaped", JSON.stringify({ k: SECRET })],
    ["JSON-escaped twice", JSON.stringify(JSON.stringify({ k: SECRET }))],
    ["base64", Buffer.from(SECRET).toString("base64")],
    ["base64url", Buffer.from(SECRET).toString("base64url")],
  ])("hides the secret %s", (_form, text) => {
    const out = redact(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(encodeURIComponent(SECRET));
  });

  it.each(["a", "ab", "abc", "user", "api-key-id", "x".repeat(31)])("hides a Basic credential whatever the length of the id (%s)", (id) => {
    const header = basic(id, SECRET);
    expect(redact(`Authorization: ${header}`)).toBe(`Authorization: Basic ${REDACTED}`);
  });

  it("hides a secret inside a longer base64 blob by replacing the whole token", () => {
    const blob = Buffer.from(`{"user":"u","password":"${SECRET}","more":"${"z".repeat(50)}"}`).toString("base64");
    expect(redact(`payload=${blob}; next`)).toBe(`payload=${REDACTED}; next`);
  });

  it("leaves text without secrets alone", () => {
    const text = "GET https://api.example.com/v1/events?x=1 200 {\"ok\":true} dGhpcyBpcyBmaW5l";
    expect(redact(text)).toBe(text);
  });

  it("hides the long strings of a JSON secret one by one (a key file's private_key)", () => {
    const keyFile = JSON.stringify({ type: "service_account", private_key: "-----BEGIN PRIVATE KEY-----\nMIIEabc\n-----END PRIVATE KEY-----\n", client_email: "robot@project.iam.example.com" });
    const out = createRedactor([keyFile])(`using ${JSON.parse(keyFile).private_key} for robot@project.iam.example.com (service_account)`);
    expect(out).toBe(`using ${REDACTED} for ${REDACTED} (service_account)`);
  });

  it("hides secrets shorter than 4 characters only where they stand alone", () => {
    const short = createRedactor(["pw"]);
    expect(short("password=pw&user=x")).toBe(`password=${REDACTED}&user=x`);
    expect(short('{"p":"pw"}')).toBe(`{"p":"${REDACTED}"}`);
    expect(short("pwned upwards")).toBe("pwned upwards");
    expect(short(`Authorization: ${basic("user", "pw")}`)).toBe(`Authorization: Basic ${REDACTED}`);
    expect(createRedactor(["7"])("port 7 of 17")).toBe(`port ${REDACTED} of 17`);
  });

  it("hides secrets of 4 to 7 characters anywhere, and inside base64 by decoding", () => {
    const mid = createRedactor(["hunter2"]);
    expect(mid("xxhunter2xx")).toBe(`xx${REDACTED}xx`);
    expect(mid(`Authorization: ${basic("bob", "hunter2")}`)).toBe(`Authorization: Basic ${REDACTED}`);
  });

  it("copes with megabytes of text without throwing", () => {
    const big = `${"x".repeat(6 * 1024 * 1024)} ${SECRET}`;
    for (const redactor of [redact, createRedactor(["pw"]), createRedactor(["abcdef"])]) expect(() => redactor(big)).not.toThrow();
    expect(redact(big).endsWith(` ${REDACTED}`)).toBe(true);
  });

  it("ignores values that are not strings or are empty", () => {
    const redactor = createRedactor([undefined, null, 42, "", { a: 1 }]);
    expect(redactor("42 null undefined")).toBe("42 null undefined");
  });
});

describe("redactDeep", () => {
  it("redacts strings and object keys at any depth", () => {
    const redact = createRedactor(["k3y-value"]);
    expect(redactDeep({ "k3y-value": [{ x: "a k3y-value b" }], n: 1 }, redact)).toEqual({ [REDACTED]: [{ x: `a ${REDACTED} b` }], n: 1 });
  });
});

describe("redactErrorChain", () => {
  it("hides secrets in message, stack, own fields, the cause chain and AggregateError errors, in place", () => {
    const redact = createRedactor([SECRET]);
    const root = Object.assign(new Error(`root ${SECRET}`), { url: `https://x.test/?k=${encodeURIComponent(SECRET)}` });
    const middle = new Error(`middle ${SECRET}`, { cause: root });
    const aggregate = new AggregateError([new Error(`one ${SECRET}`)], `all ${SECRET}`);
    const top = new TypeError(`top ${SECRET}`, { cause: middle });
    (root as { cause?: unknown }).cause = aggregate;
    (aggregate as { cause?: unknown }).cause = top; // a cycle
    redactErrorChain(top, redact);
    for (const error of [top, middle, root, aggregate, aggregate.errors[0]]) {
      expect(JSON.stringify({ m: error.message, s: error.stack, ...error })).not.toContain(SECRET);
      expect(error.message).toContain(REDACTED);
    }
    expect(top).toBeInstanceOf(TypeError);
  });

  it("leaves a frozen error as it is without throwing", () => {
    const frozen = Object.freeze(new Error(`x ${SECRET}`));
    expect(() => redactErrorChain(frozen, createRedactor([SECRET]))).not.toThrow();
  });
});
