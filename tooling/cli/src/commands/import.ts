import { importSourceEditor } from "@connectors/harness";
import type { PluginEvent } from "@connectors/plugin-api";
import type { Command, CommandArgs, CommandIO } from "../command.ts";
import { UsageError, readJsonArg } from "../read-input.ts";

async function execute(args: CommandArgs, io: CommandIO): Promise<number> {
  const source = args.positionals[0];
  const { values } = args;
  if (!source) throw new UsageError("import needs the directory holding the source editor's index.ts/index.js and config.json");
  if (typeof values.name !== "string") throw new UsageError("import needs --name <slug> (the package becomes plugins/<slug>, posthog-<slug>-plugin)");
  const imported = await importSourceEditor(source, {
    name: values.name,
    cwd: io.cwd,
    ...(typeof values.root === "string" ? { root: values.root } : {}),
    ...(typeof values.config === "string" ? { config: readJsonArg(values.config, "--config", io.cwd) as Record<string, unknown> } : {}),
    ...(typeof values.event === "string" ? { event: readJsonArg(values.event, "--event", io.cwd) as PluginEvent } : {}),
    ...(typeof values.description === "string" ? { description: values.description } : {}),
  });
  if (values.json === true) io.stdout(`${JSON.stringify({ ok: true, ...imported }, null, 2)}\n`);
  else {
    io.stdout(`imported ${imported.slug} into ${imported.dir} (hooks: ${imported.methods.join(", ")})\n`);
    for (const warning of imported.warnings) io.stdout(`note: ${warning}\n`);
    io.stdout(`next: pnpm install && pnpm vitest run --project ${imported.slug}\n`);
  }
  return 0;
}

export const importCommand: Command = {
  name: "import",
  summary: "Turn a PostHog source-editor connector (index.ts/js + config JSON) into a workspace package under plugins/",
  usage: "connectors import <dir> --name <slug> [--config JSON|FILE] [--event JSON|FILE] [--description TEXT] [--root DIR] [--json]",
  options: {
    name: { type: "string" },
    config: { type: "string" },
    event: { type: "string" },
    description: { type: "string" },
    root: { type: "string" },
    json: { type: "boolean" },
  },
  run: execute,
};
