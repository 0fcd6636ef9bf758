import { describe, expect, it } from "vitest";
import { parseTurboFailures } from "./run-connector-checks.ts";

describe("parseTurboFailures", () => {
  it("finds failed test tasks in turbo's error lines and summary", () => {
    const output = [
      "posthog-alpha-plugin:test: ERROR: command finished with error",
      "posthog-alpha-plugin#test: command (/repo/plugins/alpha) /usr/bin/pnpm run test exited (1)",
      " Tasks:    1 successful, 3 total",
      "Failed:    @connectors/conformance#test, posthog-beta-plugin#test",
    ].join("\n");
    expect([...parseTurboFailures(output)].sort()).toEqual(["@connectors/conformance", "posthog-alpha-plugin", "posthog-beta-plugin"]);
  });

  it("finds nothing in a green run", () => {
    expect(parseTurboFailures(" Tasks:    2 successful, 2 total\nCached:    2 cached, 2 total").size).toBe(0);
  });
});
