import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EgressDeniedError } from "../errors.ts";
import { startLoopbackServer, type LoopbackServer } from "../test-support/loopback-server.ts";
import { createHarnessFetch } from "./create-harness-fetch.ts";
import type { EgressPolicy } from "./egress-policy.ts";
import { FetchInterceptor } from "./fetch-interceptor.ts";
import { MAX_REDIRECTS } from "./redirect-hop.ts";
import type { HostResolver } from "./resolve-host.ts";
import type { RecordedRequest } from "./types.ts";

const toLoopback: HostResolver = async (hostname) => {
  if (hostname === "internal.test") return [{ address: "10.0.0.5", family: 4 }];
  return [{ address: "127.0.0.1", family: 4 }];
};

function harnessFetch(policy: Partial<EgressPolicy>, options: { interceptor?: FetchInterceptor; network?: boolean } = {}) {
  const record: RecordedRequest[] = [];
  const fetch = createHarnessFetch({
    plugin: "redirect-test",
    policy: { mode: "public", hosts: [], allowLoopback: false, ...policy },
    redact: (text) => text,
    record,
    resolveHost: toLoopback,
    network: options.network ?? false,
    ...(options.interceptor ? { interceptor: options.interceptor } : {}),
  });
  return { fetch, record };
}

describe("redirects of declared (mocked) responses", () => {
  const declared = { mode: "declared" as const, hosts: ["api.example.com"] };

  it("follows them hop by hop, each hop recorded, the final response naming its URL", async () => {
    const mocks = new FetchInterceptor().on("GET", "https://api.example.com/old", { status: 301, headers: { location: "/new?x=1" } }).on("GET", "https://api.example.com/new?x=1", { json: { ok: true } });
    const { fetch, record } = harnessFetch(declared, { interceptor: mocks });
    const response = await fetch("https://api.example.com/old");
    expect(await response.json()).toEqual({ ok: true });
    expect(response.url).toBe("https://api.example.com/new?x=1");
    expect(response.redirected).toBe(true);
    expect(record).toMatchObject([{ url: "https://api.example.com/old", status: 301 }, { url: "https://api.example.com/new?x=1", status: 200 }]);
  });

  it.each([
    ["a host the manifest does not allow", "https://evil.example.net/steal", "not in plugin.json"],
    ["the metadata address", "http://169.254.169.254/latest/meta-data/", "link-local"],
    ["an IPv4-mapped metadata address", "http://[::ffff:a9fe:a9fe]/", "(169.254.169.254) is a link-local"],
    ["loopback", "http://127.0.0.1:6379/", "loopback"],
    ["another port of the allowed host", "https://api.example.com:8443/", "port 8443"],
  ])("refuses a redirect to %s at that hop", async (_what, location, reason) => {
    const everything = new FetchInterceptor().on("GET", "https://api.example.com/go", { status: 302, headers: { location } }).on("*", /.*/, { json: { leaked: true } });
    const { fetch, record } = harnessFetch(declared, { interceptor: everything });
    const error = await fetch("https://api.example.com/go").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EgressDeniedError);
    expect((error as Error).message).toContain(reason);
    expect(record).toMatchObject([{ status: 302, via: "mock" }, { via: "denied" }]);
  });

  it(`stops after ${MAX_REDIRECTS} redirects`, async () => {
    const loop = new FetchInterceptor().on("GET", "https://api.example.com/loop", { status: 302, headers: { location: "/loop" } });
    const { fetch, record } = harnessFetch(declared, { interceptor: loop });
    const error = await fetch("https://api.example.com/loop").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause: Error }).cause.message).toContain(`redirect count exceeded (${MAX_REDIRECTS})`);
    expect(record).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('gives a connector asking for redirect: "manual" the 3xx itself, and fails redirect: "error"', async () => {
    const mocks = new FetchInterceptor().on("GET", "https://api.example.com/go", { status: 307, headers: { location: "http://169.254.169.254/" } });
    const { fetch, record } = harnessFetch(declared, { interceptor: mocks });
    const response = await fetch("https://api.example.com/go", { redirect: "manual" });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("http://169.254.169.254/");
    expect(record).toHaveLength(1);
    await expect(fetch("https://api.example.com/go", { redirect: "error" })).rejects.toThrow(TypeError);
  });

  it("refuses a redirect to a non-http scheme", async () => {
    const mocks = new FetchInterceptor().on("GET", "https://api.example.com/go", { status: 302, headers: { location: "file:///etc/passwd" } });
    const error = await harnessFetch(declared, { interceptor: mocks }).fetch("https://api.example.com/go").catch((e: unknown) => e);
    expect((error as { cause: Error }).cause.message).toContain("only http and https are followed");
  });
});

describe("redirects over the network (loopback servers, names mapped by an injected resolver)", () => {
  let a: LoopbackServer;
  let b: LoopbackServer;

  beforeEach(async () => {
    b = await startLoopbackServer();
    a = await startLoopbackServer((request, response) => {
      const [path, query] = request.url.split("?");
      if (path === "/to-b") response.writeHead(302, { location: `http://b.test:${b.port}/landed` }).end();
      else if (path === "/to-internal") response.writeHead(302, { location: `http://internal.test:${b.port}/` }).end();
      else if (path === "/loop") response.writeHead(302, { location: "/loop" }).end();
      else if (path === "/status") response.writeHead(Number(query), { location: "/landed" }).end();
      else response.end(JSON.stringify({ method: request.method, body: request.body, type: request.headers["content-type"] ?? null, auth: request.headers.authorization ?? null }));
    });
  });

  afterEach(async () => {
    await a.close();
    await b.close();
  });

  it("checks the resolved address of every hop: a redirect to a name resolving to a private address is refused", async () => {
    const { fetch, record } = harnessFetch({ allowLoopback: true }, { network: true });
    await expect(fetch(`http://a.test:${a.port}/to-internal`)).rejects.toThrow("internal.test resolves to 10.0.0.5: 10.0.0.5 is a private address");
    expect(record).toMatchObject([{ via: "network", status: 302 }, { via: "denied" }]);
    expect(b.connections).toBe(0);
  });

  it(`stops a redirect loop after ${MAX_REDIRECTS} hops, each one a checked request`, async () => {
    const { fetch, record } = harnessFetch({ allowLoopback: true }, { network: true });
    const error = await fetch(`http://a.test:${a.port}/loop`).catch((e: unknown) => e);
    expect((error as { cause: Error }).cause.message).toContain(`redirect count exceeded (${MAX_REDIRECTS})`);
    expect(a.requests).toHaveLength(MAX_REDIRECTS + 1);
    expect(record.every((r) => r.via === "network" && r.status === 302)).toBe(true);
  });

  it("checks every hop against the declared hosts, before connecting", async () => {
    const declared = harnessFetch({ mode: "declared", hosts: [`a.test:${a.port}`], allowLoopback: true }, { network: true });
    await expect(declared.fetch(`http://a.test:${a.port}/to-b`)).rejects.toThrow("not in plugin.json");
    expect(declared.record).toMatchObject([{ via: "network", status: 302 }, { via: "denied", url: `http://b.test:${b.port}/landed` }]);
    expect(b.connections).toBe(0);
  });

  it.each([
    [303, "POST", "GET", "", null],
    [302, "POST", "GET", "", null],
    [301, "PUT", "PUT", '{"a":1}', "application/json"],
    [307, "POST", "POST", '{"a":1}', "application/json"],
    [308, "POST", "POST", '{"a":1}', "application/json"],
  ])("a %i after a %s is followed with %s (fetch's method and body rules)", async (status, method, expectedMethod, body, type) => {
    const { fetch } = harnessFetch({ allowLoopback: true }, { network: true });
    const response = await fetch(`http://a.test:${a.port}/status?${status}`, { method, body: '{"a":1}', headers: { "content-type": "application/json" } });
    expect(await response.json()).toEqual({ method: expectedMethod, body, type, auth: null });
    expect(response.redirected).toBe(true);
  });

  it("keeps credentials on the same origin and drops authorization and cookies when the origin changes", async () => {
    const { fetch } = harnessFetch({ allowLoopback: true }, { network: true });
    const headers = { authorization: "Bearer t0ken-value", cookie: "session=abc", "x-trace": "1" };
    const same = await fetch(`http://a.test:${a.port}/status?302`, { headers });
    expect(((await same.json()) as { auth: string }).auth).toBe("Bearer t0ken-value");
    await (await fetch(`http://a.test:${a.port}/to-b`, { headers })).text();
    expect(b.requests).toMatchObject([{ url: "/landed", headers: { "x-trace": "1" } }]);
    expect(b.requests[0]!.headers.authorization).toBeUndefined();
    expect(b.requests[0]!.headers.cookie).toBeUndefined();
  });
});
