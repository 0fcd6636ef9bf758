import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const agents = readFileSync(`${ROOT}/AGENTS.md`, "utf8");
const layout = agents.slice(agents.indexOf("## Layout"), agents.indexOf("## Package conventions"));

describe("AGENTS.md", () => {
  it("maps every package under tooling/ in its layout", () => {
    const packages = readdirSync(`${ROOT}/tooling`, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => `tooling/${entry.name}/`);
    expect(packages.filter((dir) => !layout.includes(dir))).toEqual([]);
  });

  it("points only at paths a clone has", () => {
    const named = [...layout.matchAll(/^(tooling\/[\w-]+\/|registry\/)/gm)].map((match) => match[1]!);
    const outside = [...agents.matchAll(/`(\.\.\/[^`]+)`/g)].map((match) => match[1]!);
    expect(named.filter((dir) => !readdirSync(`${ROOT}/${dir}`).includes("package.json"))).toEqual([]);
    expect(outside).toEqual([]);
  });
});
