import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMirrorServer } from "../serve/create-mirror-server.ts";
import { buildSiteFixture } from "./site-fixture.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(import.meta.dirname, "../../test-results");
const available = existsSync(CHROMIUM);
if (!available) console.warn(`catalog site browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

let built: Awaited<ReturnType<typeof buildSiteFixture>>;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  built = await buildSiteFixture();
  server = createMirrorServer({ dir: built.outDir });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}, 20_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (built) await rm(built.root, { recursive: true, force: true });
});

/** Runs a scenario on a fresh page; on failure saves test-results/<name>.png (CI uploads it) and rethrows. */
async function onPage(name: string, scenario: (page: Page, errors: string[]) => Promise<void>): Promise<void> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  try {
    await scenario(page, errors);
    expect(errors).toEqual([]);
  } catch (error) {
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `catalog-${name}.png`), fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await page.close();
  }
}

/** The focused element's id, else its text (evaluated in the page; no DOM types needed here). */
const focused = (page: Page) => page.evaluate<string>("document.activeElement ? document.activeElement.id || document.activeElement.textContent : ''");
const visible = (page: Page) => page.locator("#connectors > li:visible h3 a").allTextContents();

const ALL = ["Alpha Enricher", "Beta Export", "Delta Example", "Gamma Sync"];
const iconWidths = (page: Page) => page.locator("img.icon").evaluateAll((imgs) => imgs.map((img) => (img as unknown as { naturalWidth: number }).naturalWidth));

describe.skipIf(!available)("catalog site in Chromium", () => {
  it("search narrows the list and the kind filter works, from the mirror server", () =>
    onPage("search", async (page) => {
      await page.goto(`${base}/`);
      expect(await visible(page)).toEqual(ALL);
      await page.getByLabel("Search by name or description").fill("enrich");
      expect(await visible(page)).toEqual(["Alpha Enricher"]);
      await expect.poll(() => page.locator("#count").textContent()).toBe("1 of 4 connectors");
      await page.getByLabel("Search by name or description").fill("users every minute");
      expect(await visible(page)).toEqual(["Gamma Sync"]);
      await page.getByLabel("Search by name or description").fill("nothing-like-this");
      expect(await visible(page)).toEqual([]);
      expect(await page.locator("#empty").isVisible()).toBe(true);
      await page.getByLabel("Search by name or description").fill("");
      await page.getByLabel("Kind").selectOption("destination");
      expect(await visible(page)).toEqual(["Beta Export"]);
      expect(new URL(page.url()).search).toBe("?type=destination");
    }));

  it("filters by category, status and support level, combined, and restores them from the URL", () =>
    onPage("filters", async (page) => {
      await page.goto(`${base}/`);
      await page.getByLabel("Category").selectOption("transformation");
      expect(await visible(page)).toEqual(["Alpha Enricher", "Delta Example"]);
      await page.getByLabel("Status").selectOption("alpha");
      expect(await visible(page)).toEqual(["Delta Example"]);
      await page.getByLabel("Status").selectOption("");
      await page.getByLabel("Category").selectOption("");
      await page.getByLabel("Status").selectOption("deprecated");
      expect(await visible(page)).toEqual(["Gamma Sync"]);
      expect(await page.locator("#connectors > li:visible .deprecated").textContent()).toMatch(/Deprecated since 2026-02-01 \(Gamma retired its v1 API\): use delta instead/);
      await page.getByLabel("Status").selectOption("");
      await page.getByLabel("Support").selectOption("community");
      expect(await visible(page)).toEqual(["Beta Export"]);
      await page.goto(`${base}/?category=example&support=official`);
      expect(await page.getByLabel("Category").inputValue()).toBe("example");
      expect(await visible(page)).toEqual(["Delta Example"]);
      expect(await page.locator("#connectors > li:visible .badge").allTextContents()).toEqual(["transformation", "alpha", "official", "example"]);
      await page.goto(`${base}/?status=not-a-status`);
      expect(await visible(page)).toEqual(ALL);
    }));

  it("is keyboard-operable: skip link, search field, every filter, then a connector link opens its page", () =>
    onPage("keyboard", async (page) => {
      await page.goto(`${base}/index.html?q=beta`);
      expect(await visible(page)).toEqual(["Beta Export"]);
      const order: string[] = [];
      for (let i = 0; i < 7; i++) {
        await page.keyboard.press("Tab");
        order.push(await focused(page));
      }
      expect(order).toEqual(["Skip to content", "q", "type", "category", "status", "support", "Beta Export"]);
      await page.keyboard.press("Enter");
      await page.waitForURL(/connectors\/beta\.html$/);
    }));

  it("a connector page shows how to install it, its links, icon, config table, capabilities, hosts and versions", () =>
    onPage("connector", async (page) => {
      await page.goto(`${base}/`);
      expect(await iconWidths(page)).toEqual([1]);
      await page.getByRole("link", { name: "Alpha Enricher" }).click();
      await page.waitForURL(/connectors\/alpha\.html$/);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Alpha Enricher");
      expect(await iconWidths(page)).toEqual([1]);
      const install = page.locator("section", { has: page.getByRole("heading", { name: "Install" }) });
      expect(await install.locator("pre").textContent()).toBe("connectors install alpha");
      expect(await page.locator("#registry-url").textContent()).toBe(`${base}/registry.json`);
      const links = page.getByRole("navigation", { name: "Links" });
      expect(await links.getByRole("link", { name: "Source" }).getAttribute("href")).toBe("https://github.com/acme/connectors/tree/main/plugins/alpha");
      for (const name of ["Changelog", "Bundle"]) {
        const href = new URL((await links.getByRole("link", { name }).getAttribute("href"))!, page.url()).href;
        expect((await page.request.get(href)).status(), href).toBe(200);
      }
      expect(await page.locator("dl").nth(1).textContent()).toMatch(/Lifecycle\s*stable: breaking changes only in a major release\s*Support\s*official/);
      const table = page.getByRole("table", { name: /Configuration/ });
      expect(await table.locator("tbody th").allTextContents()).toEqual(["apiKey secret", "region", "endpoint"]);
      expect(await table.locator("tbody tr").first().locator("td").allTextContents()).toEqual(["API key", "string", "yes", "", "From the Alpha dashboard."]);
      expect(await page.locator("section", { has: page.getByRole("heading", { name: "Allowed hosts" }) }).locator("li").allTextContents()).toEqual(["api.alpha.example"]);
      expect(await page.locator("section", { has: page.getByRole("heading", { name: "Capabilities" }) }).locator("li").allTextContents()).toEqual(["processEvent"]);
      expect(await page.locator("#versions > li").evaluateAll((items) => items.map((li) => `${li.getAttribute("data-version")}:${li.className}`))).toEqual(["1.0.0:", "0.9.0:revoked"]);
      expect(await page.locator('#versions > li[data-version="0.9.0"]').textContent()).toMatch(/revoked[\s\S]*logged the API key[\s\S]*First release/);
      expect(await page.locator('#versions > li[data-version="1.0.0"]').textContent()).toContain("Region choice (eu or us).");
      await page.getByRole("link", { name: "All connectors" }).click();
      await page.waitForURL(/index\.html$/);
    }));

  it("a deprecated connector is marked and points to its replacement", () =>
    onPage("deprecated", async (page) => {
      await page.goto(`${base}/connectors/gamma.html`);
      expect(await page.locator("h1 .badge").allTextContents()).toEqual(["scheduled", "deprecated", "official"]);
      expect(await page.locator(".deprecated").textContent()).toBe("Deprecated since 2026-02-01 (Gamma retired its v1 API): use delta instead. Installing it shows a warning.");
      await page.locator(".deprecated").getByRole("link", { name: "delta" }).click();
      await page.waitForURL(/connectors\/delta\.html$/);
      expect(await page.locator("dl").nth(1).textContent()).toMatch(/alpha: its configuration and behaviour may change in any release; an example connector/);
    }));

  it("a revoked version is marked on its page and on the index; approval and review are shown", () =>
    onPage("revoked", async (page) => {
      await page.goto(`${base}/connectors/beta.html`);
      expect(await page.getByRole("alert").textContent()).toMatch(/Revoked: version 1\.0\.0 was withdrawn on 2026-01-04: sends events to the wrong host/);
      expect(await page.locator("h1 .badge.revoked").textContent()).toBe("revoked");
      expect(await page.locator("dl").nth(1).textContent()).toMatch(/community: supported by its authors[\s\S]*approved by alice on 2026-01-02[\s\S]*sha256:abab/);
      await page.goto(`${base}/`);
      expect(await page.locator("#connectors > li", { hasText: "Beta Export" }).locator(".badge.revoked").count()).toBe(1);
      expect(await page.locator("#connectors > li", { hasText: "Alpha Enricher" }).locator(".badge.revoked").count()).toBe(0);
      expect(await page.getByRole("table").locator("tbody tr").allTextContents()).toEqual([expect.stringMatching(/^alpha0\.9\.0 revokedlogged the API key2026-01-03$/), expect.stringMatching(/^beta1\.0\.0 revokedsends events to the wrong host2026-01-04$/)]);
    }));

  it("works from file:// too", () =>
    onPage("file", async (page) => {
      await page.goto(pathToFileURL(join(built.outDir, "index.html")).href);
      expect(await iconWidths(page)).toEqual([1]);
      await page.getByLabel("Kind").selectOption("scheduled");
      expect(await visible(page)).toEqual(["Gamma Sync"]);
      await page.getByRole("link", { name: "Gamma Sync" }).click();
      expect(await page.locator("#config").textContent()).toBe("This connector takes no configuration.");
      expect(await page.locator("#registry-url").textContent()).toBe(pathToFileURL(join(built.outDir, "registry.json")).href);
    }));
});
