import { describe, expect, it } from "vitest";
import { parseAnswer } from "./parse-answer.ts";

describe("parseAnswer", () => {
  it("sends a JSON body as JSON and other text as text", () => {
    expect(parseAnswer({ status: 201, body: '{"id": 1}' })).toEqual({ status: 201, json: { id: 1 } });
    expect(parseAnswer({ status: "200", headers: { "content-type": "text/plain" }, body: "ok" })).toEqual({ status: 200, headers: { "content-type": "text/plain" }, body: "ok" });
    expect(parseAnswer({})).toEqual({ status: 200 });
  });

  it("fails a request as a network error when asked", () => {
    expect(parseAnswer({ error: " reset " })).toEqual({ error: "reset" });
  });

  it.each([
    [{ status: 99 }, "status"],
    [{ status: "abc" }, "status"],
    [{ headers: ["x"] }, "headers"],
    [{ headers: { a: 1 } }, "headers"],
    [{ body: 5 }, "body"],
  ])("refuses %j naming %s", (body, field) => {
    expect(() => parseAnswer(body)).toThrow(expect.objectContaining({ status: 400, field }));
  });
});
