import { describe, expect, it } from "vitest";
import { ResponseTooLargeError } from "../errors.ts";
import { FetchInterceptor } from "../fetch/fetch-interceptor.ts";
import type { HostResolver } from "../fetch/resolve-host.ts";
import { startLoopbackServer } from "../test-support/loopback-server.ts";
import { event } from "../test-support/temp-connector.ts";
import { rejection, sandboxedConnector } from "./sandbox-test-support.ts";

const FETCH_AND_LOG = "exports.onEvent = async (e, { fetch, logger }) => { const r = await fetch(e.properties.url); logger.info(r.status, (await r.text()).length) }";

describe("response bodies read into the sandbox", () => {
  it("refuses a body over sandbox.maxResponseBytes, naming the host but not the URL, and the next request works", async () => {
    const responses = new FetchInterceptor().on("GET", /big/, { body: "x".repeat(5000) }).on("GET", /small/, { body: "x".repeat(100) });
    const connector = await sandboxedConnector(FETCH_AND_LOG, { fetch: responses }, { manifest: { allowedHosts: ["api.example.com"] }, sandbox: { maxResponseBytes: 1024 } });
    const error = await rejection(() => connector.onEvent(event({ properties: { url: "https://api.example.com/big?token=s3cret" } })));
    expect(error.cause).toBeInstanceOf(ResponseTooLargeError);
    expect(error.cause).toMatchObject({ code: "RESPONSE_TOO_LARGE", host: "api.example.com", limit: 1024 });
    expect(error.message).toContain("sandbox.maxResponseBytes");
    expect(error.message).not.toContain("s3cret");
    await connector.onEvent(event({ properties: { url: "https://api.example.com/small" } }));
    expect(connector.logs.at(-1)?.message).toBe("200 100");
  });

  it("stops reading a server that streams without end once the cap is passed", async () => {
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      const chunk = "y".repeat(64 * 1024);
      const write = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once("drain", write);
      };
      write();
    });
    try {
      const resolveHost: HostResolver = async () => [{ address: "127.0.0.1", family: 4 }];
      const connector = await sandboxedConnector(FETCH_AND_LOG, { network: true, allowLoopback: true, resolveHost }, { manifest: { allowedHosts: [`svc.test:${server.port}`] }, sandbox: { maxResponseBytes: 1024 * 1024 } });
      const error = await rejection(() => connector.onEvent(event({ properties: { url: `http://svc.test:${server.port}/stream` } })));
      expect(error.cause).toMatchObject({ code: "RESPONSE_TOO_LARGE", host: `svc.test:${server.port}`, limit: 1024 * 1024 });
    } finally {
      await server.close();
    }
  });
});
