import { join } from "node:path";
import { listWorkspaceConnectors, runConformance } from "@connectors/testkit";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../..");
const connectors = listWorkspaceConnectors(root);

describe("conformance of every connector under plugins/", () => {
  it("finds the connectors", () => {
    expect(connectors.length).toBeGreaterThan(0);
  });

  it.each(connectors.map((dir) => [dir.split("/").at(-1)!, dir]))("%s", async (_slug, dir) => {
    const report = await runConformance(dir);
    const failed = report.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
    expect(failed).toEqual([]);
  });
});
