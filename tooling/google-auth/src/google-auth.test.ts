import { verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createJwtAssertion, createTestServiceAccount, createTokenProvider, InvalidServiceAccountError, parseServiceAccount, TokenExchangeError } from "./index.ts";

const { account, json, publicKey } = createTestServiceAccount();
const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));

describe("parseServiceAccount", () => {
  it("reads the key file and defaults token_uri", () => {
    const { token_uri: _, ...rest } = JSON.parse(json);
    expect(parseServiceAccount(Buffer.from(JSON.stringify(rest)))).toEqual({ ...account, token_uri: "https://oauth2.googleapis.com/token" });
  });

  it("names the problem: not JSON, or a missing field", () => {
    expect(() => parseServiceAccount("{nope")).toThrow(expect.objectContaining({ reason: "json" }));
    expect(() => parseServiceAccount("{}")).toThrow(/has no "client_email"/);
    expect(() => parseServiceAccount(JSON.stringify({ client_email: "a@b" }))).toThrow(InvalidServiceAccountError);
  });
});

describe("createJwtAssertion", () => {
  it("signs {iss, scope, aud, iat, exp} with RS256 (verifiable with the public key)", () => {
    const jwt = createJwtAssertion(account, "https://www.googleapis.com/auth/pubsub", 1_709_632_800);
    const [header, payload, signature] = jwt.split(".") as [string, string, string];
    expect(decode(header)).toEqual({ alg: "RS256", typ: "JWT" });
    expect(decode(payload)).toEqual({ iss: "ph@proj-1.iam.gserviceaccount.com", scope: "https://www.googleapis.com/auth/pubsub", aud: "https://oauth2.googleapis.com/token", iat: 1_709_632_800, exp: 1_709_636_400 });
    expect(verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, "base64url"))).toBe(true);
    expect(jwt).not.toMatch(/[+/=]/);
  });
});

describe("createTokenProvider", () => {
  function fakeFetch(answers: Array<{ status: number; body: unknown } | Error>) {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fetch = async (url: string, init?: RequestInit) => {
      calls.push({ url, init: init! });
      const answer = answers.shift()!;
      if (answer instanceof Error) throw answer;
      return new Response(JSON.stringify(answer.body), { status: answer.status });
    };
    return { fetch, calls };
  }

  it("exchanges a JWT at the token endpoint and caches the token until a minute before expiry", async () => {
    let now = Date.parse("2024-03-05T10:00:00Z");
    const { fetch, calls } = fakeFetch([
      { status: 200, body: { access_token: "tok-1", expires_in: 3599, token_type: "Bearer" } },
      { status: 200, body: { access_token: "tok-2", expires_in: 3599 } },
    ]);
    const tokens = createTokenProvider({ account, scope: "s1 s2", fetch, now: () => now });
    expect(await Promise.all([tokens.getToken(), tokens.getToken()])).toEqual(["tok-1", "tok-1"]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe("https://oauth2.googleapis.com/token");
    expect(calls[0]!.init.method).toBe("POST");
    expect(calls[0]!.init.headers).toEqual({ "content-type": "application/x-www-form-urlencoded" });
    const form = new URLSearchParams(calls[0]!.init.body as string);
    expect(form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    expect(decode(form.get("assertion")!.split(".")[1]!)).toMatchObject({ scope: "s1 s2", iat: 1_709_632_800 });
    now += 3599_000 - 60_001;
    expect(await tokens.getToken()).toBe("tok-1");
    now += 2;
    expect(await tokens.getToken()).toBe("tok-2");
    tokens.reset();
    expect(calls).toHaveLength(2);
  });

  it("reports refusals and network errors with a retryable flag", async () => {
    const { fetch } = fakeFetch([{ status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT Signature." } }, { status: 503, body: {} }, new TypeError("fetch failed")]);
    const tokens = createTokenProvider({ account, scope: "s", fetch });
    const refused = (await tokens.getToken().catch((e: unknown) => e)) as TokenExchangeError;
    expect(refused).toMatchObject({ name: "TokenExchangeError", status: 400, retryable: false, message: "Google token exchange for ph@proj-1.iam.gserviceaccount.com answered 400 (invalid_grant: Invalid JWT Signature.)" });
    expect(await tokens.getToken().catch((e: unknown) => (e as TokenExchangeError).retryable)).toBe(true);
    const network = (await tokens.getToken().catch((e: unknown) => e)) as TokenExchangeError;
    expect([network.retryable, network.status, network.message]).toEqual([true, undefined, "Google token exchange at https://oauth2.googleapis.com/token failed: fetch failed"]);
  });
});
