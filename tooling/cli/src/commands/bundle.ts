import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { bundleConnector, resolveConnectorSource } from "@connectors/harness";
import type { Command } from "../command.ts";
import { UsageError } from "../read-input.ts";

export const bundleCommand: Command = {
  name: "bundle",
  summary: "Bundle a connector into one file (what PostHog installs and the registry ships)",
  usage: "connectors bundle <slug|dir> [--out FILE]",
  options: { out: { type: "string" } },
  async run(args, io) {
    const target = args.positionals[0];
    if (!target) throw new UsageError("bundle needs a target: a slug under plugins/ or a directory holding plugin.json");
    const source = await resolveConnectorSource(target, io.cwd);
    const bundle = await bundleConnector(source.snapshot);
    const out = args.values.out ? resolve(io.cwd, String(args.values.out)) : join(source.dir, "dist", "index.js");
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, bundle.code);
    io.stdout(`wrote ${out} (${bundle.code.length} bytes; host modules: ${bundle.hostModules.join(", ") || "none"})\n`);
    return 0;
  },
};
