import { describe, expect, it } from "vitest";
import { standaloneChildEnv } from "./child-env.ts";
import { NESTED_CHECK_MARKER } from "./nested-check-guard.ts";

describe("standaloneChildEnv", () => {
  const outer = {
    PATH: "/usr/bin",
    LANG: "C.UTF-8",
    INIT_CWD: "/work/repo",
    npm_package_json: "/work/repo/package.json",
    npm_config_frozen_lockfile: "",
    NODE_PATH: "/work/repo/node_modules/.pnpm/node_modules",
    NODE_OPTIONS: "--require /work/repo/hook.cjs",
    VITEST: "true",
    VITEST_POOL_ID: "1",
    TURBO_HASH: "abc",
    PG_TEST_URL: "postgres://127.0.0.1/x",
    TMPDIR: "/tmp/ct-run-x/f-y",
    HOME: "/root",
  };
  const env = standaloneChildEnv("/tmp/check/home", "/store/v10", outer);

  it("keeps only PATH and the locale from the outer environment", () => {
    expect(env.PATH).toBe("/usr/bin");
    expect(env.LANG).toBe("C.UTF-8");
    for (const name of ["INIT_CWD", "npm_package_json", "npm_config_frozen_lockfile", "NODE_PATH", "NODE_OPTIONS", "VITEST", "VITEST_POOL_ID", "TURBO_HASH", "PG_TEST_URL"]) {
      expect(env, name).not.toHaveProperty(name);
    }
  });

  it("puts HOME, TMPDIR and the XDG folders in the check's temp dir", () => {
    expect(env.HOME).toBe("/tmp/check/home");
    expect(env.TMPDIR).toBe("/tmp/check/home/tmp");
    for (const name of ["XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"]) expect(env[name], name).toMatch(/^\/tmp\/check\/home\//);
  });

  it("keeps pnpm on the workspace's store, without update checks, and marks the child as part of a check", () => {
    expect(env.npm_config_store_dir).toBe("/store/v10");
    expect(env.npm_config_update_notifier).toBe("false");
    expect(env[NESTED_CHECK_MARKER]).toBe("1");
  });
});
