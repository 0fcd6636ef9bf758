import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempConnector } from "../test-support/temp-connector.ts";
import { collectPackageFiles } from "./collect-package-files.ts";
import { resolveSupplyLimits } from "./supply-limits.ts";

const PACKAGE = {
  "plugin.json": { name: "X", main: "index.js" },
  "index.js": "exports.processEvent = (e) => e",
  "lib/a.js": "exports.a = 1",
  ".gitignore": "generated/\n",
  "generated/g.js": "exports.g = 1",
  "dist/index.js": "eval('built output the review must not read')",
  "debug.log": "noise",
};

const collected = (dir: string) => [...collectPackageFiles(dir, resolveSupplyLimits()).files.keys()].sort();

describe("collectPackageFiles leaves git-ignored build output out", () => {
  it("applies the work tree's .gitignore files from its root down to the package", () => {
    const root = tempConnector({ ".gitignore": "dist/\n*.log\n", ...Object.fromEntries(Object.entries(PACKAGE).map(([path, text]) => [`plugins/x/${path}`, text])) });
    mkdirSync(join(root, ".git"));
    expect(collected(join(root, "plugins/x"))).toEqual([".gitignore", "index.js", "lib/a.js", "plugin.json"]);
  });

  it("outside a work tree applies only the package's own .gitignore", () => {
    const root = tempConnector({ ".gitignore": "dist/\n*.log\n", ...Object.fromEntries(Object.entries(PACKAGE).map(([path, text]) => [`plugins/x/${path}`, text])) });
    expect(collected(join(root, "plugins/x"))).toEqual([".gitignore", "debug.log", "dist/index.js", "index.js", "lib/a.js", "plugin.json"]);
  });
});
