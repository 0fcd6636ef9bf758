import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { WorkspaceInstallError, installWorkspace, type SpawnInstall } from "./install-workspace.ts";

const ROOT = "/work/space";
const NO_OFFLINE_META = " ERR_PNPM_NO_OFFLINE_META  Failed to resolve posthog-demo-plugin@workspace:* in package mirror";

function failing(text: string): Error {
  try {
    installWorkspace(ROOT, "plugins/demo", () => ({ status: 1, stdout: "Progress: resolved 12, reused 12\n", stderr: text, error: undefined }));
  } catch (error) {
    return error as Error;
  }
  throw new Error("installWorkspace did not throw");
}

describe("installWorkspace (after connectors new)", () => {
  it("runs pnpm install --prefer-offline in the workspace root, with its output kept (not --offline, not silenced)", () => {
    const calls: Array<{ command: string; args: readonly string[]; cwd: string }> = [];
    const spawn: SpawnInstall = (command, args, options) => (calls.push({ command, args, cwd: options.cwd }), { status: 0, stdout: "", stderr: "", error: undefined });
    installWorkspace(ROOT, "plugins/demo", spawn);
    expect(calls).toEqual([{ command: "pnpm", args: ["install", "--prefer-offline"], cwd: ROOT }]);
  });

  it("reports a failed install with its error and the command to re-run", () => {
    const error = failing(NO_OFFLINE_META);
    expect(error).toBeInstanceOf(WorkspaceInstallError);
    expect(error.message).toBe(
      `plugins/demo was created, but \`pnpm install --prefer-offline\` failed:\nProgress: resolved 12, reused 12\n${NO_OFFLINE_META}\nFix: resolve the error above, then re-run in ${ROOT}: pnpm install --prefer-offline`,
    );
  });

  it("keeps only the last 30 lines of a long install log", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const message = failing(lines.join("\n")).message;
    expect(message).toContain("line 99\nFix:");
    expect(message).toContain("\nline 70\n");
    expect(message).not.toContain("line 69\n");
  });

  it("reports pnpm missing from PATH", () => {
    const spawn: SpawnInstall = () => ({ status: null, stdout: "", stderr: "", error: Object.assign(new Error("spawnSync pnpm ENOENT"), { code: "ENOENT" }) });
    expect(() => installWorkspace(ROOT, "plugins/demo", spawn)).toThrow(/failed:\nspawnSync pnpm ENOENT\nFix: resolve the error above, then re-run in \/work\/space: pnpm install --prefer-offline/);
  });

  it("captures what a real failing child process printed", () => {
    const script = `console.log("resolving"); console.error(${JSON.stringify(NO_OFFLINE_META)}); process.exit(1)`;
    const spawn: SpawnInstall = (_command, _args, options) => spawnSync(process.execPath, ["-e", script], options);
    expect(() => installWorkspace(process.cwd(), "plugins/demo", spawn)).toThrow(`failed:\nresolving\n${NO_OFFLINE_META}\nFix:`);
  });
});
