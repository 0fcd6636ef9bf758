import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStudio, type RunningStudio } from "./server.ts";
import { createStudioWorkspace } from "./test-workspace.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(import.meta.dirname, "../test-results");

let studio: RunningStudio;
let browser: Browser;
let page: Page;

// CI installs Debian's chromium (.ci/run); never a browser download.
describe.skipIf(!existsSync(CHROMIUM))("connector studio in Chromium", () => {
  beforeAll(async () => {
    studio = await startStudio({ root: createStudioWorkspace() });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
    page = await browser.newPage();
    await page.goto(studio.url);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  async function step(name: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, `studio-${name}.png`), fullPage: true });
      throw error;
    }
  }

  it("runs hello-world with a name and shows the greeting in the output diff", () =>
    step("run", async () => {
      await page.getByRole("button", { name: "Hello World" }).click();
      await page.getByLabel("Person to greet").fill("Ada");
      await page.getByRole("button", { name: "Custom" }).click();
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await expect.poll(() => page.locator("#diff .add").allTextContents()).toContain('+     "hello": "Hello Ada"\n');
      expect(await page.locator("#status").textContent()).toMatch(/processEvent ran in \d+ ms/);
    }));

  it("shows a broken config inline, next to the field", () =>
    step("config", async () => {
      await page.getByRole("button", { name: "Needs Key" }).click();
      await expect.poll(() => page.getByLabel("Region").isVisible()).toBe(false);
      await page.getByLabel("Mode").selectOption("safe");
      expect(await page.getByLabel("Region").isVisible()).toBe(true);
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await expect.poll(() => page.locator("#err-apiKey").textContent()).toBe("config.apiKey is required and must not be empty");
      await page.getByLabel("API key *").fill("k-123456");
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await expect.poll(() => page.locator("#logs").textContent()).toContain("mode safe");
    }));

  it("saves an edited source and re-runs it, logs included", () =>
    step("edit", async () => {
      await page.getByRole("button", { name: "Hello World" }).click();
      await page.getByLabel("Person to greet").fill("Ada");
      const source = await page.getByLabel("Source of index.ts").inputValue();
      const edited = source.replace("event.properties.hello = `Hello ${config.name || \"world\"}`;", "event.properties.hello = `Hi ${config.name || \"world\"}`;\n  logger.info(\"greeted\", config.name);").replace("{ config }: Meta", "{ config, logger }: Meta");
      expect(edited).not.toBe(source);
      await page.getByLabel("Source of index.ts").fill(edited);
      await page.getByRole("button", { name: "Save" }).click();
      await expect.poll(() => page.locator("#diff .add").allTextContents()).toContain('+     "hello": "Hi Ada"\n');
      await expect.poll(() => page.locator("#logs tr").first().textContent()).toMatch(/info\s*greeted Ada/);
    }));
});
