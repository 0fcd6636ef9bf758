import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listConnectors, renderConnectorTable } from "./commands/list.ts";

const ROOT = join(import.meta.dirname, "../../..");
const START = "<!-- connectors:list -->";
const END = "<!-- /connectors:list -->";

describe("root README", () => {
  it("lists every connector under plugins/ (regenerate: pnpm connectors list --markdown)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
    expect(section).toBe(renderConnectorTable(listConnectors(ROOT)));
  });
});
