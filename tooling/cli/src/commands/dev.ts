import { startStudio } from "@connectors/dev-ui";
import { findWorkspaceRoot } from "@connectors/harness";
import type { Command } from "../command.ts";

export const devCommand: Command = {
  name: "dev",
  summary: "Start the connector studio on 127.0.0.1: configure, run and debug connectors in the browser",
  usage: "connectors dev [--port N]",
  options: { port: { type: "string" } },
  async run(args, io) {
    const root = findWorkspaceRoot(io.cwd) ?? io.cwd;
    const studio = await startStudio({ root, port: args.values.port ? Number(args.values.port) : 5178 });
    io.stdout(`connector studio: ${studio.url}\n(Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await studio.close();
    return 0;
  },
};
