import type { PostHogExtension } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import { loadAnnotationContents } from "./load-annotation-contents.ts";

/** A posthog extension whose api.get answers from `pages` (by path) and records the calls. */
function fakePostHog(pages: Record<string, unknown>) {
  const calls: Array<{ path: string; options: unknown }> = [];
  const posthog = {
    capture: async () => undefined,
    api: {
      get: async (path: string, options?: unknown) => {
        calls.push({ path, options });
        const body = pages[path];
        return body === undefined ? new Response("not found", { status: 404 }) : Response.json(body);
      },
    },
  } as unknown as PostHogExtension;
  return { posthog, calls };
}

const options = { host: "https://ph.test", personalApiKey: "phx_p" };

describe("loadAnnotationContents", () => {
  it("collects the string contents of every page, following absolute next URLs as path and query without token", async () => {
    const { posthog, calls } = fakePostHog({
      "/api/projects/@current/annotations": { next: "https://ph.test/api/projects/7/annotations/?offset=2&token=phc_t", results: [{ content: "v1" }, { content: 3 }] },
      "/api/projects/7/annotations/?offset=2": { next: null, results: [{ content: "v2" }, {}, null, { content: "v1" }] },
    });
    expect(await loadAnnotationContents(posthog, "/api/projects/@current/annotations", options)).toEqual(new Set(["v1", "v2"]));
    expect(calls).toEqual([
      { path: "/api/projects/@current/annotations", options },
      { path: "/api/projects/7/annotations/?offset=2", options },
    ]);
  });

  it("fails with the response when a page has no results array", async () => {
    const { posthog } = fakePostHog({ "/a": { detail: "Authentication credentials were not provided." } });
    await expect(loadAnnotationContents(posthog, "/a", options)).rejects.toThrow('Could not load annotations. Response: {"detail":"Authentication credentials were not provided."}');
    await expect(loadAnnotationContents(posthog, "/missing", options)).rejects.toThrow("Could not load annotations. Response: null");
  });

  it("stops when next points back to a page it read", async () => {
    const { posthog, calls } = fakePostHog({ "/a": { next: "/b", results: [] }, "/b": { next: "https://ph.test/a", results: [] } });
    await expect(loadAnnotationContents(posthog, "/a", options)).rejects.toThrow("Could not load annotations: the API pointed back to /a");
    expect(calls.map((c) => c.path)).toEqual(["/a", "/b"]);
  });
});
