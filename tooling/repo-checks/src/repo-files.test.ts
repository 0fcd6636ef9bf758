import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const read = (path: string) => readFile(join(ROOT, path), "utf8");

describe("contributor-facing files", () => {
  it("issue forms parse and have a name, description and body", async () => {
    const dir = join(ROOT, ".github/ISSUE_TEMPLATE");
    const forms = (await readdir(dir)).filter((name) => name.endsWith(".yml") && name !== "config.yml");
    expect(forms.sort()).toEqual(["bug-report.yml", "new-connector.yml"]);
    for (const name of forms) {
      const form = parse(await readFile(join(dir, name), "utf8")) as Record<string, unknown>;
      expect(form, name).toMatchObject({ name: expect.any(String), description: expect.any(String), body: expect.any(Array) });
    }
    const config = parse(await read(".github/ISSUE_TEMPLATE/config.yml")) as Record<string, unknown>;
    expect(config["blank_issues_enabled"]).toBe(false);
  });

  it("every CODEOWNERS rule names at least one owner", async () => {
    const rules = (await read(".github/CODEOWNERS")).split("\n").filter((line) => line.trim() && !line.startsWith("#"));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule.trim().split(/\s+/).slice(1).every((owner) => owner.startsWith("@")), rule).toBe(true);
    expect(rules.some((rule) => rule.startsWith("/.github/"))).toBe(true);
  });

  it("the PR template is a checklist covering tests, review and changesets", async () => {
    const template = await read(".github/pull_request_template.md");
    expect(template.match(/^- \[ \] /gm)?.length).toBeGreaterThanOrEqual(5);
    for (const text of ["pnpm vitest run --project", "pnpm connectors review", "pnpm changeset", "posthog-<slug>-plugin"]) {
      expect(template).toContain(text);
    }
  });

  it("CONTRIBUTING walks the tutorial flow in order and explains review and live-connector rules", async () => {
    const guide = await read("CONTRIBUTING.md");
    const steps = [
      "pnpm connectors new <slug>",
      "plugins/<slug>/index.ts",
      "pnpm connectors run <slug> --config",
      "pnpm vitest run --project <slug>",
      "pnpm connectors review",
      "pnpm changeset",
      "Open a pull request",
    ];
    const positions = steps.map((step) => guide.indexOf(step));
    expect(positions.every((at) => at >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const heading of ["## Naming convention", "## How review works", "## Changing a live connector: please do not"]) {
      expect(guide).toContain(heading);
    }
    expect(guide).toContain("pull_request_target");
  });
});
