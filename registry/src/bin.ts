#!/usr/bin/env node
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConnectorsError } from "@connectors/plugin-api";
import { findWorkspaceRoot } from "@connectors/harness";
import { runBuildCommand } from "./commands/build-command.ts";
import { runServeCommand } from "./commands/serve-command.ts";
import { runVerifyCommand } from "./commands/verify-command.ts";

const USAGE = `Usage: pnpm registry <command>

  build  [--out DIR] [--base-url URL] [--skip-tests]
         validate, test, bundle and sign every approved connector into registry/dist/
  verify <file|url> [--public-key FILE]
         check a registry.json (or a registry base URL) against its signature and bundles
  serve  [--dir registry/dist] [--port 8787] [--host 127.0.0.1]
         serve a catalog with ETag, gzip and content types (mirror / local development)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      "base-url": { type: "string" },
      "skip-tests": { type: "boolean" },
      "public-key": { type: "string" },
      dir: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const root = findWorkspaceRoot() ?? process.cwd();
  if (values.help || !command) return void console.log(USAGE), command ? 0 : 2;
  switch (command) {
    case "build":
      return runBuildCommand({ root, ...(values.out ? { outDir: resolve(values.out) } : {}), ...(values["base-url"] ? { baseUrl: values["base-url"] } : {}), skipTests: values["skip-tests"] ?? false });
    case "verify":
      if (!positionals[0]) throw new ConnectorsError("USAGE", `registry verify needs a file or URL.\n\n${USAGE}`);
      return runVerifyCommand({ target: positionals[0], ...(values["public-key"] ? { publicKeyFile: values["public-key"] } : {}) });
    case "serve":
      return runServeCommand({ dir: resolve(values.dir ?? resolve(root, "registry/dist")), port: Number(values.port ?? 8787), host: values.host ?? "127.0.0.1" });
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined && code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConnectorsError || error instanceof TypeError ? `error: ${error.message}` : error);
    process.exitCode = 1;
  },
);
