import { describe, expect, it } from "vitest";
import { createConnector } from "../create-connector.ts";
import { loadConnector, type LoadMode } from "../load/load-connector.ts";
import { tempConnector } from "../test-support/temp-connector.ts";
import { jobHookLabel } from "./job-hook-label.ts";

const FAILING_JOB = `exports.processEvent = (e) => e; exports.jobs = { resend: () => { throw new Error("mail server down") } }`;

// The CLI finds a failed job by this label (runJobOrThrow): every load mode must record the same one.
describe("a failed job's background error carries jobHookLabel(name) in every load mode", () => {
  it.each<LoadMode>(["import", "bundle", "sandbox"])("%s", async (mode) => {
    const dir = tempConnector({ "plugin.json": { name: "Jobs" }, "index.js": FAILING_JOB });
    const connector = await createConnector(await loadConnector(dir, { mode }));
    try {
      await connector.setup();
      await connector.runJob("resend", {});
      expect(connector.errors).toEqual([expect.objectContaining({ hook: jobHookLabel("resend"), message: expect.stringContaining(`hook ${jobHookLabel("resend")} failed`) })]);
    } finally {
      await connector.teardown();
    }
  });

  it("spells the label as the harness always has", () => {
    expect(jobHookLabel("resend")).toBe("job resend");
  });
});
