import { describe, expect, it } from "vitest";
import { systemClock } from "../clock.ts";
import { apiUrl, createPostHogExtension, type CapturedEvent } from "./posthog-extension.ts";

describe("posthog.api", () => {
  it.each([
    ["https://app.posthog.com", "/api/projects/@current/annotations/", "https://app.posthog.com/api/projects/@current/annotations/"],
    ["https://x.example/posthog/", "/api/event", "https://x.example/posthog/api/event"],
    ["https://x.example", "api/event?limit=1", "https://x.example/api/event?limit=1"],
  ])("joins %s and %s keeping the host's path prefix", (host, path, expected) => {
    expect(apiUrl(host, path).toString()).toBe(expected);
  });

  it("sends the token and the personal key, with PostHog's error when only one key is given", async () => {
    const calls: Array<[string, RequestInit | undefined]> = [];
    const api = createPostHogExtension({ plugin: "p", teamId: 2, clock: systemClock, captured: [] as CapturedEvent[], api: { host: "https://ph.example" }, fetch: async (url, init) => (calls.push([String(url), init]), new Response("{}")) }).api;
    await api.post("/api/annotation", { data: { content: "v1" }, projectApiKey: "phc_1", personalApiKey: "phx_1" });
    expect(calls[0]).toEqual(["https://ph.example/api/annotation?token=phc_1", { method: "POST", body: '{"content":"v1"}', headers: { Authorization: "Bearer phx_1", "Content-Type": "application/json" } }]);
    await expect(api.get("/api/x", { projectApiKey: "phc_1" })).rejects.toThrow(/You must specify a personalApiKey if you specify a projectApiKey and vice-versa!/);
  });
});
