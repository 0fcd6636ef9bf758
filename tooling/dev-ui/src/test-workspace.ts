import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const REPO = join(import.meta.dirname, "../../..");

function copyPlugin(root: string, slug: string): void {
  cpSync(join(REPO, "plugins", slug), join(root, "plugins", slug), { recursive: true, filter: (src) => !/node_modules|\.vitest-report/.test(src) });
}

function writePlugin(root: string, slug: string, files: Record<string, unknown>): void {
  const dir = join(root, "plugins", slug);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
}

/**
 * A throwaway workspace the studio tests edit freely: copies of hello-world (a transformation) and
 * customerio (a destination), plus small connectors for config errors, state across runs, a
 * scheduled hook, a job queued for later and logging at every level. It lies outside this
 * checkout, so its connectors run in the sandbox.
 */
export function createStudioWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), "studio-"));
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages:\n  - plugins/*\n");
  copyPlugin(root, "hello-world");
  copyPlugin(root, "customerio");
  writePlugin(root, "needs-key", {
    "plugin.json": { name: "Needs Key", config: [{ key: "apiKey", name: "API key", type: "string", required: true, secret: true }, { key: "mode", name: "Mode", type: "choice", choices: ["fast", "safe"], default: "fast" }, { key: "region", name: "Region", type: "string", visible_if: [["mode", "safe"]] }] },
    "index.ts": "export function processEvent(event: any, { config, logger }: any) {\n  logger.info(`mode ${config.mode}`);\n  return event;\n}\n",
  });
  writePlugin(root, "counter", {
    "plugin.json": { name: "Counter", description: "Counts events in cache, storage and global.", config: [] },
    "index.ts": [
      "export async function processEvent(event: any, { cache, storage, global }: any) {",
      "  global.seen = (global.seen ?? 0) + 1;",
      '  const count = await cache.incr("events");',
      '  const total = ((await storage.get("total", 0)) as number) + 1;',
      '  await storage.set("total", total);',
      "  event.properties = { ...event.properties, count, total, seen: global.seen };",
      "  return event;",
      "}",
      "",
    ].join("\n"),
  });
  writePlugin(root, "ticker", {
    "plugin.json": { name: "Ticker", description: "Counts hours on the clock.", config: [] },
    "index.ts": [
      "export async function runEveryHour({ storage, logger }: any) {",
      '  const ticks = ((await storage.get("ticks", 0)) as number) + 1;',
      '  await storage.set("ticks", ticks);',
      "  logger.info(`tick ${ticks}`);",
      "}",
      "",
    ].join("\n"),
  });
  writePlugin(root, "reminder", {
    "plugin.json": { name: "Reminder", description: "Queues a reminder job an hour after each event.", config: [] },
    "index.ts": [
      "export async function processEvent(event: any, { jobs, logger }: any) {",
      '  await jobs.remind({ who: event.distinct_id }).runIn(1, "hour");',
      "  logger.info(`reminder queued for ${event.distinct_id}`);",
      "  return event;",
      "}",
      "export const jobs = {",
      "  remind: async ({ who }: any, { logger }: any) => logger.info(`reminded ${who}`),",
      "};",
      "",
    ].join("\n"),
  });
  writePlugin(root, "chatty", {
    "plugin.json": { name: "Chatty", description: "Logs at every level about each event.", config: [] },
    "index.ts": [
      "export function processEvent(event: any, { logger }: any) {",
      "  logger.debug(`looking at ${event.event}`);",
      "  logger.info(`received ${event.event}`);",
      "  logger.warn(`slow lookup for ${event.event}`);",
      "  logger.error(`rejected ${event.event}: no email`);",
      "  return event;",
      "}",
      "",
    ].join("\n"),
  });
  return root;
}
