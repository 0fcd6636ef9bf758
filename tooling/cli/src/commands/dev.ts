import { startStudio } from "@connectors/dev-ui";
import { findWorkspaceRoot } from "@connectors/harness";
import type { Command } from "../command.ts";
import { UsageError } from "../read-input.ts";
import { scaffoldConnector } from "./new.ts";

export const devCommand: Command = {
  name: "dev",
  summary: "Start the connector studio on 127.0.0.1: configure, run and debug connectors in the browser",
  usage: "connectors dev [--port N]",
  options: { port: { type: "string" } },
  async run(args, io) {
    const root = findWorkspaceRoot(io.cwd) ?? io.cwd;
    const port = args.values.port === undefined ? 5178 : Number(args.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number from 0 to 65535 (got "${args.values.port}"); 0 takes any free port`);
    const studio = await startStudio({ root, port, scaffold: scaffoldConnector });
    io.stdout(`connector studio: ${studio.url}\n(Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await studio.close();
    return 0;
  },
};
