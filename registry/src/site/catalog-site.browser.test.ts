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

describe.skipIf(!available)("catalog site in Chromium", () => {
  it("search narrows the list and the type filter works, from the mirror server", () =>
    onPage("search", async (page) => {
      await page.goto(`${base}/`);
      expect(await visible(page)).toEqual(["Alpha Enricher", "Beta Export", "Gamma Sync"]);
      await page.getByLabel("Search by name or description").fill("alp");
      expect(await visible(page)).toEqual(["Alpha Enricher"]);
      await expect.poll(() => page.locator("#count").textContent()).toBe("1 of 3 connectors");
      await page.getByLabel("Search by name or description").fill("users every minute");
      expect(await visible(page)).toEqual(["Gamma Sync"]);
      await page.getByLabel("Search by name or description").fill("nothing-like-this");
      expect(await visible(page)).toEqual([]);
      expect(await page.locator("#empty").isVisible()).toBe(true);
      await page.getByLabel("Search by name or description").fill("");
      await page.getByLabel("Type").selectOption("destination");
      expect(await visible(page)).toEqual(["Beta Export"]);
      expect(new URL(page.url()).search).toBe("?type=destination");
    }));

  it("is keyboard-operable: skip link, search field, then a connector link opens its page", () =>
    onPage("keyboard", async (page) => {
      await page.goto(`${base}/index.html?q=beta`);
      expect(await visible(page)).toEqual(["Beta Export"]);
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("Skip to content");
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("q");
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("type");
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("Beta Export");
      await page.keyboard.press("Enter");
      await page.waitForURL(/connectors\/beta\.html$/);
    }));

  it("a connector page shows its config table, capabilities, hosts and versions", () =>
    onPage("connector", async (page) => {
      await page.goto(`${base}/`);
      await page.getByRole("link", { name: "Alpha Enricher" }).click();
      await page.waitForURL(/connectors\/alpha\.html$/);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Alpha Enricher");
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

  it("a revoked version is marked on its page and on the index; approval and review are shown", () =>
    onPage("revoked", async (page) => {
      await page.goto(`${base}/connectors/beta.html`);
      expect(await page.getByRole("alert").textContent()).toMatch(/Revoked: version 1\.0\.0 was withdrawn on 2026-01-04: sends events to the wrong host/);
      expect(await page.locator("h1 .badge.revoked").textContent()).toBe("revoked");
      expect(await page.locator("dl").first().textContent()).toMatch(/approved by alice on 2026-01-02[\s\S]*sha256:abab/);
      await page.goto(`${base}/`);
      expect(await page.locator("#connectors > li", { hasText: "Beta Export" }).locator(".badge.revoked").count()).toBe(1);
      expect(await page.locator("#connectors > li", { hasText: "Alpha Enricher" }).locator(".badge.revoked").count()).toBe(0);
      expect(await page.getByRole("table").locator("tbody tr").allTextContents()).toEqual([expect.stringMatching(/^alpha0\.9\.0 revokedlogged the API key2026-01-03$/), expect.stringMatching(/^beta1\.0\.0 revokedsends events to the wrong host2026-01-04$/)]);
    }));

  it("works from file:// too", () =>
    onPage("file", async (page) => {
      await page.goto(pathToFileURL(join(built.outDir, "index.html")).href);
      await page.getByLabel("Type").selectOption("scheduled");
      expect(await visible(page)).toEqual(["Gamma Sync"]);
      await page.getByRole("link", { name: "Gamma Sync" }).click();
      expect(await page.locator("#config").textContent()).toBe("This connector takes no configuration.");
    }));
});
