import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runReviewCli } from "./run-review-cli.ts";
import { createFixtureRepo, FIXTURES, type FixtureRepo } from "./testing/create-fixture-repo.ts";

let repo: FixtureRepo | undefined;
afterEach(() => repo?.cleanup());

async function cli(args: string[]) {
  let out = "";
  const code = await runReviewCli(args, { stdout: (text) => (out += text), cwd: repo!.root, env: {} });
  return { code, out };
}

describe("runReviewCli", () => {
  it("exits 0 and prints Markdown for a clean connector", async () => {
    repo = createFixtureRepo({ "plugins/clean": { copy: join(FIXTURES, "clean") } });
    const { code, out } = await cli(["--base", "main", "--path", "plugins/clean"]);
    expect(code).toBe(0);
    expect(out).toContain("| `clean` | unchanged | ✅ pass |");
    expect(out).not.toContain("<!-- plugin-review");
  });

  it("exits 1 on an error-level finding and prints JSON with --json", async () => {
    repo = createFixtureRepo();
    repo.write({ "plugins/clean": { copy: join(FIXTURES, "clean") } });
    repo.write({ "plugins/clean": { copy: join(FIXTURES, "malicious", "eval") } });
    const { code, out } = await cli(["--base", "main", "--json"]);
    expect(code).toBe(1);
    expect(JSON.parse(out).connectors[0].findings.map((f: { rule: string }) => f.rule)).toContain("security/no-eval");
  });

  it("remembers local runs and reports what changed since the last one", async () => {
    repo = createFixtureRepo();
    repo.write({ "plugins/clean": { copy: join(FIXTURES, "clean") } });
    repo.write({ "plugins/clean": { copy: join(FIXTURES, "malicious", "eval") } });
    expect((await cli(["--base", "main"])).out).toContain("First review");
    repo.write({ "plugins/clean/index.ts": "export function processEvent(event: any) { return event }\n" });
    const second = await cli(["--base", "main"]);
    expect(second.out).toMatch(/0 new, 2 resolved/);
  });

  it("compares each connector only with its own previous review", async () => {
    repo = createFixtureRepo({ "plugins/a": { copy: join(FIXTURES, "clean") }, "plugins/b": { copy: join(FIXTURES, "clean") } });
    repo.write({ "plugins/b": { copy: join(FIXTURES, "malicious", "eval") } });
    expect((await cli(["--base", "main", "--path", "plugins/a"])).out).toContain("First review of this pull request");
    const b = await cli(["--base", "main", "--path", "plugins/b"]);
    expect(b.out).toContain("First review of `b`");
    expect(b.out).not.toMatch(/resolved/);
    const again = await cli(["--base", "main", "--path", "plugins/a"]);
    expect(again.out).toMatch(/Compared with its own previous review[^:]*: 0 new, 0 resolved/);
    repo.write({ "plugins/b/index.ts": "export function processEvent(event: any) { return event }\n" });
    const fixed = await cli(["--base", "main", "--path", "plugins/b"]);
    expect(fixed.out).toMatch(/0 new, 2 resolved/);
    expect(fixed.out).toContain("`security/no-eval` `plugins/b/index.ts`");
  });

  it("rejects unknown flags and --github without a token", async () => {
    repo = createFixtureRepo();
    await expect(cli(["--nope"])).rejects.toThrow(/Usage: connectors review/);
    await expect(cli(["--github"])).rejects.toThrow(/GITHUB_TOKEN/);
  });
});
