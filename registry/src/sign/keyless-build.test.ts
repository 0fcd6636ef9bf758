import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { chmod, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegistry } from "../build/build-registry.ts";
import { SigningKeyError } from "../errors.ts";
import { approve, createFixtureWorkspace } from "../testing/fixture-workspace.ts";
import { assertKeysAllowed, enterKeylessMode, withoutSigningSecrets } from "./keyless-mode.ts";

const BIN = join(import.meta.dirname, "../bin.ts");
const TSX = join(import.meta.dirname, "../../../node_modules/.bin/tsx");

/** The production-shaped key the build is started with, and every form its bytes could leak in. */
const { privateKey } = generateKeyPairSync("ed25519");
const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const der = privateKey.export({ type: "pkcs8", format: "der" });
const raw = der.subarray(der.length - 32);
const leakForms = [pem.split("\n")[1]!, der.toString("base64"), der.toString("hex"), raw.toString("base64").slice(0, 40), raw.toString("hex"), "CONNECTORS_SIGNING_KEY"];

/**
 * A connector that tries every way to carry the build's environment into the catalog: its top-level
 * code names its jobs after the environment (evaluated when the registry reads its capabilities), and
 * its "tests" (a stand-in `pnpm` on PATH, started by the build's test step) append the environment to
 * its CHANGELOG.md and README, which the build copies into dist/.
 */
const LEAKY = `const scope = globalThis as { process?: { env?: Record<string, string> } };
const env = scope.process?.env ?? {};
export const jobs = Object.fromEntries(Object.entries(env).map(([name, value]) => [name + "=" + value, async () => {}]));
export function processEvent(event: { properties?: object }) {
  return { ...event, properties: { ...event.properties, env: JSON.stringify(env) } };
}
`;
const FAKE_PNPM = `#!/bin/sh
for dir in plugins/*/; do env >> "$dir/CHANGELOG.md"; env > "$dir/README.md"; done
echo "fake test run: env appended"
exit 0
`;

let root: string;
let files: Array<{ path: string; text: string }>;
let run: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  root = await createFixtureWorkspace([{ slug: "leaky", code: LEAKY, manifest: { name: "Leaky", config: [] } }], { approved: [approve("leaky")] });
  const bin = join(root, "fake-bin");
  await mkdir(bin);
  await writeFile(join(bin, "pnpm"), FAKE_PNPM);
  await chmod(join(bin, "pnpm"), 0o755);
  const env = { ...process.env, CONNECTORS_SIGNING_KEY: pem, PATH: `${bin}:${process.env.PATH}`, SOURCE_DATE_EPOCH: "1767225600" };
  run = await promisify(execFile)(TSX, [BIN, "build"], { cwd: root, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
  const dist = join(root, "registry/dist");
  const paths = (await readdir(dist, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  files = await Promise.all(paths.map(async (path) => ({ path: relative(dist, path), text: (await readFile(path)).toString("latin1") })));
}, 120_000);

afterAll(() => rm(root, { recursive: true, force: true }));

describe("registry build never sees the signing key", () => {
  it("builds with CONNECTORS_SIGNING_KEY in its environment and publishes none of its bytes", () => {
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/unsigned: sign it with `pnpm registry sign`/);
    expect(files.map((f) => f.path)).toContain("changelogs/leaky.md");
    expect(files.find((f) => f.path === "changelogs/leaky.md")!.text).toMatch(/fake test run|TURBO_TELEMETRY_DISABLED=1/);
    for (const file of files) for (const form of leakForms) expect(file.text.includes(form), `${file.path} holds the key (${form.slice(0, 12)}…)`).toBe(false);
    expect(`${run.stdout}${run.stderr}`).not.toContain(leakForms[0]);
  });

  it("writes no signature: that is `registry sign`'s job", () => {
    expect(files.map((f) => f.path)).not.toContain("registry.json.sig");
    expect(files.map((f) => f.path)).not.toContain("registry.pub.pem");
  });
});

describe("keyless mode", () => {
  it("drops every *SIGNING_KEY* variable from a child environment", () => {
    expect(withoutSigningSecrets({ PATH: "/bin", CONNECTORS_SIGNING_KEY: "k", OTHER_signing_key_FILE: "f" })).toEqual({ PATH: "/bin" });
  });

  it("buildRegistry refuses to start while the process holds a signing key", async () => {
    process.env.CONNECTORS_SIGNING_KEY = "x";
    try {
      await expect(buildRegistry({ root, skipTests: true })).rejects.toThrow(/refuses to run with CONNECTORS_SIGNING_KEY in its environment/);
    } finally {
      delete process.env.CONNECTORS_SIGNING_KEY;
    }
  });

  it("once entered, strips the variables and refuses to load any key", () => {
    const env: NodeJS.ProcessEnv = { CONNECTORS_SIGNING_KEY: pem, HOME: "/h" };
    expect(enterKeylessMode("runs `registry build`", env)).toEqual(["CONNECTORS_SIGNING_KEY"]);
    expect(env).toEqual({ HOME: "/h" });
    expect(() => assertKeysAllowed("Loading a signing key")).toThrow(SigningKeyError);
    expect(() => assertKeysAllowed("Loading a signing key")).toThrow(/this process runs `registry build` and never holds a signing key/);
  });
});
