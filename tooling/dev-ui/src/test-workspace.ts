import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const REPO = join(import.meta.dirname, "../../..");

/** A throwaway workspace with a copy of hello-world and a connector with a required field (tests edit it freely). */
export function createStudioWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), "studio-"));
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages:\n  - plugins/*\n");
  cpSync(join(REPO, "plugins/hello-world"), join(root, "plugins/hello-world"), { recursive: true, filter: (src) => !/node_modules|\.vitest-report/.test(src) });
  const keyed = join(root, "plugins/needs-key");
  mkdirSync(keyed, { recursive: true });
  writeFileSync(
    join(keyed, "plugin.json"),
    JSON.stringify({ name: "Needs Key", config: [{ key: "apiKey", name: "API key", type: "string", required: true, secret: true }, { key: "mode", name: "Mode", type: "choice", choices: ["fast", "safe"], default: "fast" }, { key: "region", name: "Region", type: "string", visible_if: [["mode", "safe"]] }] }),
  );
  writeFileSync(join(keyed, "index.ts"), "export function processEvent(event: any, { config, logger }: any) {\n  logger.info(`mode ${config.mode}`);\n  return event;\n}\n");
  return root;
}
