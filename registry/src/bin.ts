#!/usr/bin/env node
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConnectorsError } from "@connectors/plugin-api";
import { findWorkspaceRoot } from "@connectors/harness";
import { runApproveCommand } from "./commands/approve-command.ts";
import { runBuildCommand } from "./commands/build-command.ts";
import { runServeCommand } from "./commands/serve-command.ts";
import { runSignCommand } from "./commands/sign-command.ts";
import { runVerifyCommand } from "./commands/verify-command.ts";
import { enterKeylessMode } from "./sign/keyless-mode.ts";

const USAGE = `Usage: pnpm registry <command>

  build  [--out DIR] [--base-url URL] [--skip-tests]
         validate, test and bundle every approved connector into registry/dist/ (unsigned; never sees a key)
  sign   [--dir registry/dist] [--expires-in DAYS] [--dev-key]
         sign the built catalog: CONNECTORS_SIGNING_KEY, else the committed development key (refused in CI without --dev-key)
  verify [file|dir|url] [--public-key FILE | --dev-key]
         check a catalog's signature, expiry, bundles and files (default registry/dist, development key)
  serve  [--dir registry/dist] [--port 8787] [--host 127.0.0.1]
         serve a catalog with ETag, gzip and content types (mirror / local development)
  approve <slug...> | --all [--by LOGIN] [--override REASON] [--dry-run]
         review connectors and record their approval with the review digest in registry/approved.json
`;

const HELP_WORDS = new Set(["--help", "-h", "help"]);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== undefined && HELP_WORDS.has(command)) return void console.log(USAGE), 0;
  // Only `sign` may hold a key: every other command bundles, loads or serves connector code.
  if (command !== "sign") enterKeylessMode(`runs \`registry ${command ?? "--help"}\``);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      "base-url": { type: "string" },
      "skip-tests": { type: "boolean" },
      "public-key": { type: "string" },
      "dev-key": { type: "boolean" },
      "expires-in": { type: "string" },
      dir: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      all: { type: "boolean" },
      by: { type: "string" },
      override: { type: "string" },
      "dry-run": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const root = findWorkspaceRoot() ?? process.cwd();
  const dist = resolve(root, "registry/dist");
  if (values.help || !command) return void console.log(USAGE), command ? 0 : 2;
  switch (command) {
    case "build":
      return runBuildCommand({ root, ...(values.out ? { outDir: resolve(values.out) } : {}), ...(values["base-url"] ? { baseUrl: values["base-url"] } : {}), skipTests: values["skip-tests"] ?? false });
    case "sign":
      return runSignCommand({ dir: values.dir ? resolve(values.dir) : dist, ...(values["expires-in"] ? { expiresInDays: Number(values["expires-in"]) } : {}), devKey: values["dev-key"] ?? false });
    case "verify":
      return runVerifyCommand({ target: positionals[0] ?? dist, ...(values["public-key"] ? { publicKeyFile: values["public-key"] } : {}), devKey: values["dev-key"] ?? false });
    case "serve":
      return runServeCommand({ dir: resolve(values.dir ?? dist), port: values.port ?? 8787, host: values.host ?? "127.0.0.1" });
    case "approve":
      return runApproveCommand({ root, slugs: positionals, all: values.all ?? false, ...(values.by ? { by: values.by } : {}), ...(values.override ? { override: values.override } : {}), dryRun: values["dry-run"] ?? false });
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
