import net from "node:net";
import tls from "node:tls";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EgressDeniedError } from "../errors.ts";
import { startLoopbackServer, type LoopbackServer } from "../test-support/loopback-server.ts";
import { createHarnessFetch, type HarnessFetchOptions } from "./create-harness-fetch.ts";
import type { EgressPolicy } from "./egress-policy.ts";
import type { HostResolver } from "./resolve-host.ts";
import type { RecordedRequest } from "./types.ts";

/** A resolver from a table: each name answers its list; a function answers per call (rebinding). */
function tableResolver(table: Record<string, string[] | ((call: number) => string[])>) {
  const calls: string[] = [];
  const resolve: HostResolver = async (hostname) => {
    calls.push(hostname);
    const entry = table[hostname];
    if (!entry) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    const answer = typeof entry === "function" ? entry(calls.filter((name) => name === hostname).length) : entry;
    return answer.map((address) => ({ address, family: address.includes(":") ? (6 as const) : (4 as const) }));
  };
  return { calls, resolve };
}

function harnessFetch(policy: Partial<EgressPolicy>, resolveHost: HostResolver, extra: Partial<HarnessFetchOptions> = {}) {
  const record: RecordedRequest[] = [];
  const fetch = createHarnessFetch({ plugin: "egress-test", policy: { mode: "public", hosts: [], allowLoopback: false, ...policy }, redact: (text) => text, record, network: true, resolveHost, ...extra });
  return { fetch, record };
}

let server: LoopbackServer;
let sockets: { net: ReturnType<typeof vi.spyOn>; tls: ReturnType<typeof vi.spyOn> };

beforeEach(async () => {
  server = await startLoopbackServer();
  sockets = { net: vi.spyOn(net, "connect"), tls: vi.spyOn(tls, "connect") };
});

afterEach(async () => {
  await server.close();
});

function expectNoSocket(): void {
  expect(sockets.net).not.toHaveBeenCalled();
  expect(sockets.tls).not.toHaveBeenCalled();
  expect(server.connections).toBe(0);
}

describe("requests that really go out: every resolved address is checked before any connection", () => {
  it.each([
    ["127.0.0.1 (loopback, not allowed)", ["127.0.0.1"], "resolves to 127.0.0.1: 127.0.0.1 is a loopback address"],
    ["10.1.2.3", ["10.1.2.3"], "resolves to 10.1.2.3: 10.1.2.3 is a private address"],
    ["169.254.169.254", ["169.254.169.254"], "resolves to 169.254.169.254: 169.254.169.254 is a link-local"],
    ["::ffff:169.254.169.254", ["::ffff:169.254.169.254"], "(169.254.169.254) is a link-local"],
    ["64:ff9b::a9fe:a9fe", ["64:ff9b::a9fe:a9fe"], "(169.254.169.254) is a link-local"],
    ["::a9fe:a9fe (IPv4-compatible)", ["::a9fe:a9fe"], "(169.254.169.254) is a link-local"],
    ["::ffff:127.0.0.1 (loopback, not allowed)", ["::ffff:127.0.0.1"], "(127.0.0.1) is a loopback address"],
    ["no address at all", [], "resolves to no address"],
  ])("refuses a name resolving to %s, opening no socket", async (_what, addresses, reason) => {
    const { calls, resolve } = tableResolver({ "svc.test": addresses });
    const { fetch, record } = harnessFetch({}, resolve);
    const error = await fetch(`http://svc.test:${server.port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EgressDeniedError);
    expect((error as Error).message).toContain(reason);
    expect(calls).toEqual(["svc.test"]);
    expect(record).toMatchObject([{ via: "denied", error: expect.stringContaining(reason) }]);
    expectNoSocket();
  });

  it("refuses a name when one of its addresses is refused, even if the others are fine", async () => {
    const { resolve } = tableResolver({ "svc.test": ["127.0.0.1", "10.0.0.7"] });
    const { fetch } = harnessFetch({ allowLoopback: true }, resolve);
    await expect(fetch(`http://svc.test:${server.port}/`)).rejects.toThrow("svc.test resolves to 10.0.0.7: 10.0.0.7 is a private address");
    expectNoSocket();
  });

  it("refuses loopback addresses by name and by URL spelling without resolving", async () => {
    const { calls, resolve } = tableResolver({});
    const { fetch } = harnessFetch({}, resolve);
    for (const url of [`http://localhost:${server.port}/`, `http://127.1:${server.port}/`, `http://2130706433:${server.port}/`, `http://0x7f000001:${server.port}/`, `http://sub.localhost:${server.port}/`]) {
      await expect(fetch(url)).rejects.toThrow(/loopback address/);
    }
    expect(calls).toEqual([]);
    expectNoSocket();
  });

  it("connects to the address it checked: a name that rebinds after the check cannot move the connection", async () => {
    // First answer: the loopback server. Every later answer: 127.0.0.2, where nothing listens. Were the
    // name resolved again when connecting, the request would fail with ECONNREFUSED.
    const { calls, resolve } = tableResolver({ "rebind.test": (call) => (call === 1 ? ["127.0.0.1"] : ["127.0.0.2"]) });
    const { fetch, record } = harnessFetch({ allowLoopback: true }, resolve);
    const response = await fetch(`http://rebind.test:${server.port}/first`);
    expect(await response.text()).toBe("ok");
    expect(response.url).toBe(`http://rebind.test:${server.port}/first`);
    expect(calls).toEqual(["rebind.test"]);
    expect(sockets.net).toHaveBeenCalledTimes(1);
    expect(server.requests).toMatchObject([{ url: "/first", localAddress: "127.0.0.1", headers: { host: `rebind.test:${server.port}` } }]);
    expect(record).toMatchObject([{ via: "network", status: 200 }]);
  });

  it("checks a rebound name again on the next request and refuses it before connecting", async () => {
    const { resolve } = tableResolver({ "rebind.test": (call) => (call === 1 ? ["127.0.0.1"] : ["169.254.169.254"]) });
    const { fetch } = harnessFetch({ allowLoopback: true }, resolve);
    expect((await fetch(`http://rebind.test:${server.port}/`)).status).toBe(200);
    const connections = server.connections;
    await expect(fetch(`http://rebind.test:${server.port}/again`)).rejects.toThrow("rebind.test resolves to 169.254.169.254");
    expect(server.connections).toBe(connections);
    expect(server.requests).toHaveLength(1);
  });

  it("checks the port by name before resolving: an entry without a port admits only the default port", async () => {
    const { calls, resolve } = tableResolver({ "svc.test": ["127.0.0.1"] });
    const refused = harnessFetch({ mode: "declared", hosts: ["svc.test"], allowLoopback: true }, resolve);
    await expect(refused.fetch(`http://svc.test:${server.port}/`)).rejects.toThrow(`port ${server.port} of svc.test is not allowed`);
    expect(calls).toEqual([]);
    expectNoSocket();
    const allowed = harnessFetch({ mode: "declared", hosts: [`svc.test:${server.port}`], allowLoopback: true }, resolve);
    expect((await allowed.fetch(`http://svc.test:${server.port}/`)).status).toBe(200);
  });

  it("fails like fetch when the name does not resolve", async () => {
    const { fetch, record } = harnessFetch({}, tableResolver({}).resolve);
    const error = await fetch("http://missing.test/").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause: { code: string } }).cause.code).toBe("ENOTFOUND");
    expect(record[0]).toMatchObject({ via: "network", error: "fetch failed" });
  });
});
