import { describe, expect, it } from "vitest";
import { createConnector } from "../create-connector.ts";
import { FetchInterceptor } from "../fetch/fetch-interceptor.ts";
import { loadConnector } from "../load/load-connector.ts";
import { event, tempConnector } from "../test-support/temp-connector.ts";
import nodeFetch, { AbortError, FetchError, Headers, Request, Response } from "./node-fetch.ts";
import { toNodeFetchError } from "./node-fetch-v2.ts";

// A connector written against node-fetch v2: its error classes, their fields, and the response extras.
const NODE_FETCH_USER = `
const fetch = require('node-fetch');
const { FetchError, AbortError, Headers, Request, Response } = require('node-fetch');
async function outcome(promise) {
  try {
    const response = await promise;
    return { status: response.status };
  } catch (error) {
    return { name: error.name, fetchError: error instanceof FetchError, abortError: error instanceof AbortError, isError: error instanceof Error, type: error.type, code: error.code, errno: error.errno, message: error.message.split(/[:(\"]/)[0].trim() };
  }
}
exports.onEvent = async () => {
  const out = {};
  out.same = fetch === fetch.default && typeof Headers === 'function' && typeof Request === 'function' && typeof Response === 'function';
  out.unexpected = await outcome(fetch('https://api.example.com/unknown'));
  out.denied = await outcome(fetch('https://elsewhere.example.org/'));
  out.network = await outcome(fetch('https://api.example.com/down'));
  const controller = new AbortController();
  controller.abort();
  out.aborted = await outcome(fetch('https://api.example.com/ok', { signal: controller.signal }));
  const bad = await fetch('https://api.example.com/not-json');
  out.invalidJson = await outcome(bad.json());
  const ok = await fetch(new Request('https://api.example.com/ok', { method: 'POST', body: 'hi', headers: new Headers({ 'X-A': '1' }) }));
  out.buffer = (await ok.buffer()).toString('utf8');
  out.raw = ok.headers.raw()['x-b'];
  out.constructed = new FetchError('m', 'max-redirect').type + ' ' + new AbortError('a').type;
  console.log(JSON.stringify(out));
};
`;

const EXPECTED = {
  same: true,
  // The harness's refusals keep their class and message (reports name them) and count as FetchError.
  unexpected: { name: "UnexpectedRequestError", fetchError: true, abortError: false, isError: true, type: "system", code: "UNEXPECTED_REQUEST", errno: "UNEXPECTED_REQUEST", message: "Unexpected request GET https" },
  denied: { name: "EgressDeniedError", fetchError: true, abortError: false, isError: true, type: "system", code: "EGRESS_DENIED", errno: "EGRESS_DENIED", message: "Connector" },
  network: { name: "FetchError", fetchError: true, abortError: false, isError: true, type: "system", message: "request to https" },
  aborted: { name: "AbortError", fetchError: false, abortError: true, isError: true, type: "aborted", message: "The user aborted a request." },
  invalidJson: { name: "FetchError", fetchError: true, abortError: false, isError: true, type: "invalid-json", message: "invalid json response body at https" },
  buffer: "echo hi 1",
  raw: ["2"],
  constructed: "max-redirect aborted",
};

async function runIn(mode: "bundle" | "sandbox") {
  const dir = tempConnector({ "plugin.json": { name: "node-fetch user", allowedHosts: ["api.example.com"] }, "index.js": NODE_FETCH_USER });
  const fetch = new FetchInterceptor()
    .on("GET", "https://api.example.com/down", { error: "connect ECONNREFUSED" })
    .on("GET", "https://api.example.com/not-json", { body: "<html>" })
    .on("POST", "https://api.example.com/ok", (request) => ({ body: `echo ${request.body} ${request.headers["x-a"]}`, headers: { "x-b": "2" } }));
  const connector = await createConnector(await loadConnector(dir, { mode }), { fetch });
  await connector.onEvent(event());
  expect(connector.errors).toEqual([]);
  return JSON.parse(connector.logs.at(-1)!.message);
}

describe("node-fetch v2 compatibility", () => {
  it.each(["bundle", "sandbox"] as const)("gives %s connectors FetchError/AbortError with node-fetch v2's fields, Request, buffer() and headers.raw()", async (mode) => {
    expect(await runIn(mode)).toEqual(EXPECTED);
  });

  it("under Vitest delegates to the current global fetch and keeps a test's stand-in response as it is", async () => {
    const original = globalThis.fetch;
    try {
      const standIn = { json: async () => ({ rates: 1 }) };
      globalThis.fetch = (async () => standIn) as never;
      expect(await nodeFetch("https://x.example")).toBe(standIn);
      globalThis.fetch = (async () => new Response("{", { headers: new Headers({ a: "1" }) })) as never;
      const response = await nodeFetch("https://x.example");
      expect(response.headers.raw()).toEqual({ a: ["1"], "content-type": ["text/plain;charset=UTF-8"] });
      await expect(response.json()).rejects.toMatchObject({ name: "FetchError", type: "invalid-json" });
      globalThis.fetch = (async () => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND" } }))) as never;
      const failed = await nodeFetch("https://x.example").catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(FetchError);
      expect(failed).toMatchObject({ type: "system", code: "ENOTFOUND", errno: "ENOTFOUND", message: "request to https://x.example failed, reason: fetch failed" });
      expect(new Headers()).toBeInstanceOf(globalThis.Headers);
      expect(new globalThis.Headers()).toBeInstanceOf(Headers);
      expect(new Request("https://x.example").url).toBe("https://x.example/");
    } finally {
      globalThis.fetch = original;
    }
  });

  it("maps timeouts and aborts the way node-fetch v2 reported them", () => {
    expect(toNodeFetchError(new DOMException("t", "TimeoutError"), "https://a.example/")).toMatchObject({ name: "FetchError", type: "request-timeout", message: "network timeout at: https://a.example/" });
    const aborted = toNodeFetchError(new DOMException("a", "AbortError"), "https://a.example/");
    expect(aborted).toBeInstanceOf(AbortError);
    expect(aborted.message).toBe("The user aborted a request.");
    expect(String(new FetchError("m", "system"))).toBe("FetchError: m");
  });
});
