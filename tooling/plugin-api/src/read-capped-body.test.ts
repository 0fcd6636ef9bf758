import { describe, expect, it } from "vitest";
import { readCappedBody } from "./read-capped-body.ts";

const tooLarge = () => new RangeError("too large");

function endless(): ReadableStream<Uint8Array> {
  return new ReadableStream({ pull: (controller) => controller.enqueue(new Uint8Array(1024)) });
}

describe("readCappedBody", () => {
  it("reads a body within the cap, and null without one", async () => {
    expect(Array.from((await readCappedBody(new Response(new Uint8Array([1, 2, 3])), 3, tooLarge))!)).toEqual([1, 2, 3]);
    expect(await readCappedBody(new Response(null), 3, tooLarge)).toBeNull();
  });

  it("stops an endless stream once past the cap", async () => {
    await expect(readCappedBody(new Response(endless()), 10_000, tooLarge)).rejects.toThrow("too large");
  });

  it("refuses an unencoded Content-Length over the cap before reading anything", async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({ pull: (controller) => (pulls++, controller.enqueue(new Uint8Array(1))) }, { highWaterMark: 0 });
    await expect(readCappedBody(new Response(body, { headers: { "content-length": "5000" } }), 100, tooLarge)).rejects.toThrow("too large");
    expect(pulls).toBe(0);
  });

  it("does not judge an encoded body by its Content-Length (fetch hands over the decoded bytes)", async () => {
    const response = new Response(new Uint8Array(50), { headers: { "content-length": "5000", "content-encoding": "gzip" } });
    expect((await readCappedBody(response, 100, tooLarge))!.byteLength).toBe(50);
  });
});
