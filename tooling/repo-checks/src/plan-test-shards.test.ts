import { describe, expect, it } from "vitest";
import { parsePnpmList, planTestShards } from "./plan-test-shards.ts";

const pkgs = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `posthog-p${String(i).padStart(2, "0")}-plugin`, dir: `plugins/p${i}` }));

describe("parsePnpmList", () => {
  it("makes paths repo-relative, keeps the root as '', and sorts by name", () => {
    const json = JSON.stringify([
      { name: "posthog-connectors", path: "/repo", private: true },
      { name: "posthog-geoip-plugin", version: "1.0.0", path: "/repo/plugins/geoip" },
      { name: "@connectors/harness", version: "0.1.0", path: "/repo/tooling/harness" },
    ]);
    expect(parsePnpmList(json, "/repo")).toEqual([
      { name: "@connectors/harness", dir: "tooling/harness" },
      { name: "posthog-connectors", dir: "" },
      { name: "posthog-geoip-plugin", dir: "plugins/geoip" },
    ]);
  });

  it("treats empty output as no packages and rejects non-arrays", () => {
    expect(parsePnpmList("", "/repo")).toEqual([]);
    expect(() => parsePnpmList("{}", "/repo")).toThrow(/expected an array/);
  });
});

describe("planTestShards", () => {
  it("returns no shards when nothing changed (the test job is skipped)", () => {
    expect(planTestShards([])).toEqual([]);
    expect(planTestShards([{ name: "posthog-connectors", dir: "" }])).toEqual([]);
  });

  it("uses one runner for a few packages", () => {
    expect(planTestShards(pkgs(3))).toEqual([
      { name: "1/1", packages: ["posthog-p00-plugin", "posthog-p01-plugin", "posthog-p02-plugin"], filters: "--filter=posthog-p00-plugin --filter=posthog-p01-plugin --filter=posthog-p02-plugin" },
    ]);
  });

  it("adds runners when many connectors change, spreading them evenly, up to the cap", () => {
    const shards = planTestShards(pkgs(20), { packagesPerShard: 8, maxShards: 4 });
    expect(shards.map((shard) => [shard.name, shard.packages.length])).toEqual([["1/3", 7], ["2/3", 7], ["3/3", 6]]);
    expect(new Set(shards.flatMap((shard) => shard.packages)).size).toBe(20);
    expect(planTestShards(pkgs(100), { packagesPerShard: 8, maxShards: 4 })).toHaveLength(4);
  });
});
