import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findConnectors } from "../discover/find-connectors.ts";
import { createFixtureWorkspace } from "../testing/fixture-workspace.ts";
import { createReviewDigester } from "./review-digester.ts";

let root: string;
let cacheDir: string;

beforeAll(async () => {
  root = await createFixtureWorkspace([{ slug: "alpha" }], { approved: [] });
  cacheDir = await mkdtemp(join(tmpdir(), "review-cache-"));
});

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

describe("the verdict cache key", () => {
  it("covers what the review reads: build output does not invalidate a verdict, a file under lib/ does", async () => {
    await writeFile(join(root, "plugins/alpha/.gitignore"), "dist/\n");
    const digester = createReviewDigester(root, cacheDir);
    await digester(await connectors());
    const cacheFile = join(cacheDir, "review-alpha.json");
    const record = JSON.parse(await readFile(cacheFile, "utf8"));
    await writeFile(cacheFile, JSON.stringify({ ...record, review: { ...record.review, digest: "sha256:cached" } }));
    await mkdir(join(root, "plugins/alpha/dist"), { recursive: true });
    await writeFile(join(root, "plugins/alpha/dist/index.js"), "eval(1)");
    expect((await digester(await connectors())).get("alpha")!.digest).toBe("sha256:cached");
    await mkdir(join(root, "plugins/alpha/lib"), { recursive: true });
    await writeFile(join(root, "plugins/alpha/lib/extra.ts"), "export const extra = 1;\n");
    expect((await digester(await connectors())).get("alpha")!.digest).not.toBe("sha256:cached");
  });
});
