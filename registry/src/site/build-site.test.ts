import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configRows } from "./render-connector-page.ts";
import { parseChangelog } from "./parse-changelog.ts";
import { buildSiteFixture } from "./site-fixture.ts";

let built: Awaited<ReturnType<typeof buildSiteFixture>>;
beforeAll(async () => {
  built = await buildSiteFixture();
});
afterAll(() => rm(built.root, { recursive: true, force: true }));
const page = (path: string) => readFile(join(built.outDir, path), "utf8");

describe("catalog site (registry build)", () => {
  it("writes index.html and one page per connector next to registry.json", () => {
    expect(built.files).toEqual(expect.arrayContaining(["index.html", "connectors/alpha.html", "connectors/beta.html", "connectors/gamma.html", "registry.json"]));
  });

  it("is self-contained and accessible: landmarks, labels, CSP, no external URL, escaped text", async () => {
    for (const path of ["index.html", "connectors/alpha.html"]) {
      const html = await page(path);
      expect(html).toMatch(/<html lang="en">/);
      expect(html).toMatch(/<header>[\s\S]*<main id="main"[\s\S]*<footer/);
      expect(html).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;/);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
    const index = await page("index.html");
    expect(index).toMatch(/<label for="q">[^<]+<\/label><input id="q"/);
    expect(index).toMatch(/<label for="type">Type<\/label><select id="type"/);
    expect(index).toContain("Adds `alpha` properties to &lt;every&gt; event.");
    expect(await page("connectors/alpha.html")).toContain("Adds <code>alpha</code> properties to &lt;every&gt; event.");
  });

  it("is deterministic", async () => {
    const again = await buildSiteFixture();
    try {
      expect(await readFile(join(again.outDir, "connectors/alpha.html"), "utf8")).toBe(await page("connectors/alpha.html"));
    } finally {
      await rm(again.root, { recursive: true, force: true });
    }
  });

  it("derives config rows from the schema: required, conditional, secret, choices, defaults", () => {
    const alpha = built.catalog.connectors.find((c) => c.slug === "alpha")!;
    expect(configRows(alpha.configSchema)).toEqual([
      { key: "apiKey", title: "API key", type: "string", required: "yes", description: "From the Alpha dashboard.", secret: true },
      { key: "region", title: "Region", type: "choice: eu, us", required: "no", default: "eu", secret: false },
      { key: "endpoint", title: "Endpoint", type: "string", required: "required when region is \"us\"", description: "Only for the US region.", secret: false },
    ]);
  });

  it("parses changelog versions", () => {
    expect(parseChangelog("# pkg\n\n## 1.0.0\n\n- a\n\n## 0.9.0\n- b\n")).toEqual([{ version: "1.0.0", lines: ["- a"] }, { version: "0.9.0", lines: ["- b"] }]);
  });
});
