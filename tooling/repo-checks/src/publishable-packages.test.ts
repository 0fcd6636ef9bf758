import { readdirSync, readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

interface Manifest {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function workspaceManifests(): Array<Manifest & { dir: string }> {
  const dirs = ["registry", ...["plugins", "tooling"].flatMap((parent) => readdirSync(`${ROOT}/${parent}`).map((name) => `${parent}/${name}`))];
  return dirs.filter((dir) => existsSync(`${ROOT}/${dir}/package.json`)).map((dir) => ({ dir, ...(JSON.parse(readFileSync(`${ROOT}/${dir}/package.json`, "utf8")) as Manifest) }));
}

describe("publishable packages", () => {
  it("never depend at run time on a private workspace package (it would not exist on npm; changesets refuses it)", () => {
    const manifests = workspaceManifests();
    const privateNames = new Set(manifests.filter((m) => m.private).map((m) => m.name));
    const problems = manifests
      .filter((m) => !m.private)
      .flatMap((m) =>
        (["dependencies", "peerDependencies", "optionalDependencies"] as const).flatMap((field) =>
          Object.keys(m[field] ?? {})
            .filter((name) => privateNames.has(name))
            .map((name) => `${m.dir}/package.json ${field} lists the private ${name}. Fix: move it to devDependencies (the toolkit is provided by the harness and inlined in bundles) or publish ${name}`),
        ),
      );
    expect(problems).toEqual([]);
  });
});
