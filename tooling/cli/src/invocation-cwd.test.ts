import { describe, expect, it } from "vitest";
import { invocationCwd } from "./invocation-cwd.ts";

describe("invocationCwd", () => {
  it("is where the user typed `pnpm connectors …` when pnpm runs the script at the workspace root", () => {
    const env = { INIT_CWD: "/repo/plugins/hello-world", npm_package_json: "/repo/package.json" };
    expect(invocationCwd(env, "/repo")).toBe("/repo/plugins/hello-world");
  });

  it("is the process's own folder when another program started the CLI elsewhere under an inherited INIT_CWD", () => {
    // An outer `pnpm vitest` at /repo spawns `connectors test` in a temp repository: the run must stay there.
    const env = { INIT_CWD: "/repo", npm_package_json: "/repo/package.json" };
    expect(invocationCwd(env, "/tmp/posthog-greet-plugin")).toBe("/tmp/posthog-greet-plugin");
  });

  it("is the process's own folder without a package manager", () => {
    expect(invocationCwd({}, "/somewhere")).toBe("/somewhere");
    expect(invocationCwd({ INIT_CWD: "/elsewhere" }, "/somewhere")).toBe("/somewhere");
  });
});
