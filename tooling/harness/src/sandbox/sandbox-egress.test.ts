import { describe, expect, it, vi } from "vitest";
import { EgressDeniedError, HookFailedError } from "../errors.ts";
import { FetchInterceptor } from "../fetch/fetch-interceptor.ts";
import { event } from "../test-support/temp-connector.ts";
import type { HostResolver } from "../fetch/resolve-host.ts";
import { startLoopbackServer } from "../test-support/loopback-server.ts";
import { rejection, sandboxedConnector } from "./sandbox-test-support.ts";
import { testServiceUrl } from "../test-support/test-service-url.ts";

const PG_URL = testServiceUrl("postgres");

vi.mock("node:dns/promises", async (original) => ({
  ...(await original<typeof import("node:dns/promises")>()),
  lookup: async (host: string) => (host === "db.internal.example" ? [{ address: "10.1.2.3", family: 4 }] : [{ address: "93.184.215.14", family: 4 }]),
}));

const everything = new FetchInterceptor().on("*", /.*/, { json: { ok: true } });

async function fetchFrom(url: string, manifest: object = { allowedHosts: ["api.example.com"] }, via = "fetch") {
  const connector = await sandboxedConnector(`exports.onEvent = async (e, meta) => { const r = await ${via}(${JSON.stringify(url)}); await r.json() }`, { fetch: everything }, { manifest });
  return { connector, error: await rejection(() => connector.onEvent(event())).catch((e) => e) };
}

describe("sandbox egress", () => {
  it("lets declared hosts through the harness fetch (mocks, recording)", async () => {
    const connector = await sandboxedConnector("exports.onEvent = async (e, { fetch, logger }) => { const r = await fetch('https://api.example.com/x?q=1', { method: 'POST', body: JSON.stringify({ a: 1 }), headers: { 'Content-Type': 'application/json' } }); logger.info(r.status, await r.json()) }", { fetch: everything }, { manifest: { allowedHosts: ["api.example.com"] } });
    await connector.onEvent(event());
    expect(connector.requests).toMatchObject([{ method: "POST", url: "https://api.example.com/x?q=1", body: '{"a":1}', status: 200, via: "mock" }]);
    expect(connector.logs.at(-1)?.message).toBe('200 {"ok":true}');
  });

  it.each([
    ["an undeclared host", "https://evil.example.net/steal", "not in plugin.json"],
    ["127.0.0.1", "http://127.0.0.1:8080/admin", "loopback"],
    ["169.254.169.254 (cloud metadata)", "http://169.254.169.254/latest/meta-data/", "link-local"],
    ["a private address", "http://10.0.0.1/", "private"],
  ])("refuses fetch to %s with the host's EgressDeniedError", async (_what, url, reason) => {
    for (const via of ["fetch", "meta.fetch", "require('node-fetch')"]) {
      const { connector, error } = await fetchFrom(url, undefined, via);
      expect(error).toBeInstanceOf(HookFailedError);
      expect(error.cause).toBeInstanceOf(EgressDeniedError);
      expect(error.message).toContain(reason);
      expect(connector.requests[0]).toMatchObject({ via: "denied" });
    }
  });

  it.each([
    ["127.0.0.1", "postgres://u:p@127.0.0.1:5432/db", "loopback"],
    ["169.254.169.254", "postgres://u:p@169.254.169.254:5432/db", "link-local"],
    ["an undeclared host", "postgres://u:p@evil.example.net:5432/db", "not in plugin.json"],
    ["a host name that resolves to a private address", "postgres://u:p@db.internal.example:5432/db", "resolves to 10.1.2.3"],
  ])("refuses a pg connection to %s", async (_what, url, reason) => {
    const connector = await sandboxedConnector(
      `const { Client } = require('pg'); exports.onEvent = async () => { const c = new Client({ connectionString: ${JSON.stringify(url)} }); await c.connect(); await c.query('select 1') }`,
      {},
      { manifest: { allowedHosts: ["db.internal.example:5432"] } },
    );
    const error = await rejection(() => connector.onEvent(event()));
    expect(error.cause).toBeInstanceOf(EgressDeniedError);
    expect(error.message).toContain(reason);
  });

  it.runIf(PG_URL)("runs pg queries on the host when the policy allows the server (the run's PostgreSQL)", async () => {
    const connector = await sandboxedConnector(
      `const { Pool } = require('pg'); exports.onEvent = async (e, { logger }) => { const pool = new Pool({ connectionString: ${JSON.stringify(PG_URL)} }); const r = await pool.query('select $1::int + 1 as n, now() as t', [41]); logger.info(r.rows[0].n, r.rows[0].t instanceof Date, r.command) }`,
      { allowLoopback: true },
    );
    await connector.onEvent(event());
    expect(connector.logs.at(-1)?.message).toBe("42 true SELECT");
  });

  describe("bridged pg: the checked address is the one connected to", () => {
    const pgUrl = PG_URL ? new URL(PG_URL) : undefined;
    const connectCode = (host: string, port: number | string) =>
      `const { Client } = require('pg'); exports.onEvent = async (e, { logger }) => { const c = new Client({ host: ${JSON.stringify(host)}, port: ${port}, user: ${JSON.stringify(pgUrl?.username ?? "postgres")}, database: ${JSON.stringify(pgUrl?.pathname.slice(1) ?? "postgres")} }); await c.connect(); const r = await c.query('select inet_server_addr()::text as addr'); logger.info(r.rows[0].addr); await c.end() }`;

    function rebinding(first: string, later: string) {
      const calls: string[] = [];
      const resolveHost: HostResolver = async (hostname) => {
        calls.push(hostname);
        const address = calls.length === 1 ? first : later;
        return [{ address, family: address.includes(":") ? 6 : 4 }];
      };
      return { calls, resolveHost };
    }

    it.each([
      ["10.9.8.7", "resolves to 10.9.8.7: 10.9.8.7 is a private address"],
      ["::ffff:169.254.169.254", "(169.254.169.254) is a link-local"],
      ["64:ff9b::a9fe:a9fe", "(169.254.169.254) is a link-local"],
    ])("refuses a name resolving to %s", async (address, reason) => {
      const { resolveHost } = rebinding(address, address);
      const connector = await sandboxedConnector(connectCode("db.test", 5432), { resolveHost }, { manifest: { allowedHosts: ["db.test"] } });
      const error = await rejection(() => connector.onEvent(event()));
      expect(error.cause).toBeInstanceOf(EgressDeniedError);
      expect(error.message).toContain(reason);
    });

    it("decides before connecting: a name with one refused address among allowed ones, or loopback without allowLoopback, opens no connection", async () => {
      const server = await startLoopbackServer();
      try {
        const mixed: HostResolver = async () => [{ address: "127.0.0.1", family: 4 }, { address: "10.0.0.7", family: 4 }];
        const oneBad = await rejection(async () => (await sandboxedConnector(connectCode("db.test", server.port), { resolveHost: mixed, allowLoopback: true }, { manifest: { allowedHosts: [`db.test:${server.port}`] } })).onEvent(event()));
        expect(oneBad.message).toContain("db.test resolves to 10.0.0.7: 10.0.0.7 is a private address");
        const loopback: HostResolver = async () => [{ address: "::ffff:127.0.0.1", family: 6 }];
        for (const host of ["db.test", "localhost.", "pg.localhost", "ip6-localhost"]) {
          const refused = await rejection(async () => (await sandboxedConnector(connectCode(host, server.port), { resolveHost: loopback }, {})).onEvent(event()));
          expect(refused.cause, `${host}: ${refused.message}`).toBeInstanceOf(EgressDeniedError);
          expect(refused.message).toMatch(/loopback address/);
        }
        expect(server.connections).toBe(0);
      } finally {
        await server.close();
      }
    });

    it("admits only port 5432 for an allowed host without a port, and hex/decimal IPv4 spellings are loopback", async () => {
      const { calls, resolveHost } = rebinding("127.0.0.1", "127.0.0.1");
      const port = await rejection(async () => (await sandboxedConnector(connectCode("db.test", 54329), { resolveHost }, { manifest: { allowedHosts: ["db.test"] } })).onEvent(event()));
      expect(port.message).toContain("port 54329 of db.test is not allowed");
      for (const spelling of ["0x7f000001", "2130706433", "127.1"]) {
        const loopback = await rejection(async () => (await sandboxedConnector(connectCode(spelling, 5432), { resolveHost }, {})).onEvent(event()));
        expect(loopback.message).toContain("127.0.0.1 is a loopback address");
      }
      expect(calls).toEqual([]);
    });

    it.runIf(pgUrl)("connects to the address it checked even when the name rebinds afterwards (the run's PostgreSQL)", async () => {
      // First answer: the test server's address. Every later one: a metadata address. A client that
      // resolved the name again would be refused or go elsewhere; the bridge connects to the checked one.
      const { calls, resolveHost } = rebinding(pgUrl!.hostname, "169.254.169.254");
      const connector = await sandboxedConnector(connectCode("db.test", pgUrl!.port || 5432), { resolveHost, allowLoopback: true }, { manifest: { allowedHosts: [`db.test:${pgUrl!.port || 5432}`] } });
      await connector.onEvent(event());
      expect(calls).toEqual(["db.test"]);
      expect(connector.logs.at(-1)?.message).toBe(`${pgUrl!.hostname}/32`);
      const again = await rejection(() => connector.onEvent(event()));
      expect(again.message).toContain("db.test resolves to 169.254.169.254");
    });
  });

  describe.each(["bundle", "sandbox"] as const)("real requests (network: true, as the CLI's --allow-network and the studio's toggle) in %s mode", (mode) => {
    it("checks the resolved addresses under the connector's declared policy and connects to the checked one", async () => {
      const server = await startLoopbackServer();
      try {
        const resolveHost: HostResolver = async (hostname) => [{ address: hostname === "meta.test" ? "169.254.169.254" : "127.0.0.1", family: 4 }];
        const code = `exports.onEvent = async (e, { fetch, logger }) => { const r = await fetch(e.properties.url); logger.info(r.status, await r.text()) }`;
        const connector = await sandboxedConnector(code, { network: true, allowLoopback: true, resolveHost }, { mode, manifest: { allowedHosts: [`svc.test:${server.port}`, `meta.test:${server.port}`] } });
        await connector.onEvent(event({ properties: { url: `http://svc.test:${server.port}/ok` } }));
        expect(connector.logs.at(-1)?.message).toBe("200 ok");
        const refused = await rejection(() => connector.onEvent(event({ properties: { url: `http://meta.test:${server.port}/` } })));
        expect(refused.cause).toBeInstanceOf(EgressDeniedError);
        expect(refused.message).toContain("meta.test resolves to 169.254.169.254");
        const undeclared = await rejection(() => connector.onEvent(event({ properties: { url: `http://other.test:${server.port}/` } })));
        expect(undeclared.message).toContain("not in plugin.json");
        expect(server.requests.map((r) => r.url)).toEqual(["/ok"]);
      } finally {
        await server.close();
      }
    });
  });
});

