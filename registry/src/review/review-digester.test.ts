import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findConnectors } from "../discover/find-connectors.ts";
import { createFixtureWorkspace } from "../testing/fixture-workspace.ts";
import { hashConnectorFiles } from "./hash-connector-files.ts";
import { createReviewDigester } from "./review-digester.ts";

let root: string;
let cacheDir: string;

beforeAll(async () => {
  root = await createFixtureWorkspace([{ slug: "alpha" }], { approved: [] });
  cacheDir = await mkdtemp(join(tmpdir(), "review-cache-"));
});
afterAll(() => Promise.all([root, cacheDir].map((dir) => rm(dir, { recursive: true, force: true }))));

const connectors = async () => (await findConnectors(join(root, "plugins"), root)).connectors;

describe("createReviewDigester", () => {
  it("caches a verdict by the package's content and reviews again when a file changes", async () => {
    const digester = createReviewDigester(root, cacheDir);
    const first = (await digester(await connectors())).get("alpha")!;
    expect(first).toMatchObject({ digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), errors: 1 });
    const cacheFile = join(cacheDir, "review-alpha.json");
    const record = JSON.parse(await readFile(cacheFile, "utf8"));
    await writeFile(cacheFile, JSON.stringify({ ...record, review: { ...record.review, digest: "sha256:cached" } }));
    expect((await digester(await connectors())).get("alpha")!.digest).toBe("sha256:cached");
    await writeFile(join(root, "plugins/alpha/index.test.ts"), 'import { it } from "vitest";\nit("works", () => {});\n');
    const changed = (await digester(await connectors())).get("alpha")!;
    expect(changed.digest).not.toBe("sha256:cached");
    expect(changed.errors).toBe(0);
  });

  it("an uncached digester gives the same digest as the cached one", async () => {
    const cached = (await createReviewDigester(root, cacheDir)(await connectors())).get("alpha")!;
    expect((await createReviewDigester(root)(await connectors())).get("alpha")).toEqual(cached);
  });
});

describe("hashConnectorFiles", () => {
  it("changes with content and symlinks, not with test reports or node_modules", async () => {
    const dir = join(root, "plugins/alpha");
    const before = await hashConnectorFiles(dir);
    await writeFile(join(dir, ".vitest-report.json"), "{}");
    expect(await hashConnectorFiles(dir)).toBe(before);
    await symlink("/etc/hostname", join(dir, "link.md"));
    const linked = await hashConnectorFiles(dir);
    expect(linked).not.toBe(before);
    await rm(join(dir, "link.md"));
    await symlink("/etc/passwd", join(dir, "link.md"));
    expect(await hashConnectorFiles(dir)).not.toBe(linked);
    await rm(join(dir, "link.md"));
    expect(await hashConnectorFiles(dir)).toBe(before);
  });
});
