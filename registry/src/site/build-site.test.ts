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
    expect(built.files).toEqual(expect.arrayContaining(["index.html", "connectors/alpha.html", "connectors/beta.html", "connectors/gamma.html", "connectors/delta.html", "icons/alpha-1.0.0.png", "registry.json"]));
  });

  it("is self-contained and accessible: landmarks, labels, CSP, no external URL, escaped text", async () => {
    for (const path of ["index.html", "connectors/alpha.html"]) {
      const html = await page(path);
      expect(html).toMatch(/<html lang="en">/);
      expect(html).toMatch(/<header>[\s\S]*<main id="main"[\s\S]*<footer/);
      expect(html).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;/);
      expect(html).not.toMatch(/src="(https?:)?\/\//);
      const external = [...html.matchAll(/href="((?:https?:)?\/\/[^"]*)"/g)].map((m) => m[1]);
      expect(external).toEqual(path === "index.html" ? [] : ["https://github.com/acme/connectors/tree/main/plugins/alpha"]);
    }
    const index = await page("index.html");
    expect(index).toMatch(/<label for="q">[^<]+<\/label><input id="q"/);
    for (const [id, label] of [["type", "Kind"], ["category", "Category"], ["status", "Status"], ["support", "Support"]]) expect(index).toMatch(new RegExp(`<label for="${id}">${label}</label><select id="${id}"`));
    expect(index).toContain("Adds `alpha` properties to &lt;every&gt; event.");
    expect(await page("connectors/alpha.html")).toContain("Adds <code>alpha</code> properties to &lt;every&gt; event.");
  });

  it("offers only the filter values the catalog has", async () => {
    const index = await page("index.html");
    const options = (id: string) => [...index.match(new RegExp(`<select id="${id}"[^>]*>(.*?)</select>`))![1]!.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(options("type")).toEqual(["", "transformation", "destination", "scheduled"]);
    expect(options("category")).toEqual(["", "destination", "enrichment", "example", "import", "transformation"]);
    expect(options("status")).toEqual(["", "stable", "alpha", "deprecated"]);
    expect(options("support")).toEqual(["", "official", "community"]);
  });

  it("a connector page says how to install it and links its source and changelog", async () => {
    const alpha = await page("connectors/alpha.html");
    expect(alpha).toContain("<pre><code>connectors install alpha</code></pre>");
    expect(alpha).toMatch(/<a href="\.\.\/registry\.json"><code id="registry-url">registry\.json<\/code><\/a>/);
    expect(alpha).toMatch(/<a href="\.\.\/changelogs\/alpha\.md">Changelog<\/a>/);
    expect(alpha).toMatch(/<img class="icon" src="\.\.\/icons\/alpha-1\.0\.0\.png"/);
    expect(await page("connectors/gamma.html")).toMatch(/Deprecated<\/strong> since <time datetime="2026-02-01">2026-02-01<\/time> \(Gamma retired its v1 API\): use <a href="\.\.\/connectors\/delta\.html">delta<\/a> instead/);
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
