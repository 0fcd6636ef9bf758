import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { offlineLockfile } from "./offline-lockfile.ts";
import type { PackedPackage } from "./pack-toolkit.ts";

const dir = mkdtempSync(join(tmpdir(), "lock-"));
const repo = join(dir, "posthog-greet-plugin");

function packedAt(name: string, workspacePath: string): PackedPackage {
  const tarball = join(dir, `${name.replace(/^@/, "").replace("/", "-")}-0.1.0.tgz`);
  writeFileSync(tarball, `tarball of ${name}`);
  return { name, version: "0.1.0", workspacePath, tarball };
}

const api = packedAt("@connectors/plugin-api", "tooling/plugin-api");
const cli = packedAt("@connectors/cli", "tooling/cli");

function workspaceLock(cliDependencies: Record<string, { specifier: string; version: string }>): string {
  return stringify({
    lockfileVersion: "9.0",
    importers: {
      "tooling/plugin-api": { dependencies: { ajv: { specifier: "8.17.1", version: "8.17.1" } } },
      "tooling/cli": { dependencies: { "@connectors/plugin-api": { specifier: "workspace:*", version: "link:../plugin-api" }, ...cliDependencies } },
    },
    packages: { "ajv@8.17.1": { resolution: { integrity: "sha512-x" } }, "vitest@4.1.12": { resolution: { integrity: "sha512-y" } } },
    snapshots: { "ajv@8.17.1": {}, "vitest@4.1.12": {} },
  });
}

describe("offlineLockfile", () => {
  it("installs the toolkit from its tarballs and third-party packages at the versions the workspace locked", () => {
    const { text, fileRefs } = offlineLockfile(workspaceLock({ vitest: { specifier: "4.1.12", version: "4.1.12" } }), repo, [api, cli], { "@connectors/cli": "0.1.0", vitest: "4.1.12" });
    const lock = parse(text);
    expect(Object.fromEntries(fileRefs)).toEqual({ "@connectors/plugin-api": "file:../connectors-plugin-api-0.1.0.tgz", "@connectors/cli": "file:../connectors-cli-0.1.0.tgz" });
    expect(lock.overrides).toEqual(Object.fromEntries(fileRefs));
    expect(lock.importers["."].devDependencies).toEqual({
      "@connectors/cli": { specifier: "file:../connectors-cli-0.1.0.tgz", version: "file:../connectors-cli-0.1.0.tgz" },
      vitest: { specifier: "4.1.12", version: "4.1.12" },
    });
    const integrity = `sha512-${createHash("sha512").update("tarball of @connectors/cli").digest("base64")}`;
    expect(lock.packages["@connectors/cli@file:../connectors-cli-0.1.0.tgz"]).toEqual({ resolution: { integrity, tarball: "file:../connectors-cli-0.1.0.tgz" }, version: "0.1.0" });
    expect(lock.snapshots["@connectors/cli@file:../connectors-cli-0.1.0.tgz"]).toEqual({ dependencies: { "@connectors/plugin-api": "file:../connectors-plugin-api-0.1.0.tgz", vitest: "4.1.12" } });
  });

  it("names a devDependency no toolkit package locked, since it cannot be installed offline", () => {
    expect(() => offlineLockfile(workspaceLock({}), repo, [api, cli], { vitest: "4.1.12" })).toThrow(/vitest@4\.1\.12 is not locked by any toolkit package/);
  });

  it("names a published package that depends on a private workspace package, and the fix", () => {
    const lock = workspaceLock({ "@connectors/connector-kit": { specifier: "workspace:*", version: "link:../connector-kit" } });
    expect(() => offlineLockfile(lock, repo, [api, cli], {})).toThrow(/@connectors\/cli \(tooling\/cli\) depends on the workspace package @connectors\/connector-kit, which is private[\s\S]*Fix: publish/);
  });
});
