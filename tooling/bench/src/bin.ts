import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { findWorkspaceRoot } from "@connectors/harness";
import { renderSvg } from "./report/render-svg.ts";
import { renderTable } from "./report/render-table.ts";
import { runBench } from "./run-bench.ts";

const { values } = parseArgs({ options: { quick: { type: "boolean" }, suite: { type: "string", multiple: true }, out: { type: "string" } } });
const root = findWorkspaceRoot(process.env.INIT_CWD ?? process.cwd()) ?? process.cwd();
const outDir = values.out ?? join(root, "bench");
const run = await runBench({ root, quick: values.quick === true, log: (line) => process.stderr.write(`${line}\n`) }, values.suite);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "results.json"), `${JSON.stringify(run, null, 2)}\n`);
const table = renderTable(run);
writeFileSync(join(outDir, "results.txt"), table);
writeFileSync(join(outDir, "results.svg"), renderSvg(run.results));
process.stdout.write(table);
process.stdout.write(`wrote ${join(outDir, "results.json")}, results.txt and results.svg\n`);
const failed = run.budgets.filter((b) => b.status === "failed");
if (failed.length) {
  process.stderr.write(`budget failed: ${failed.map((b) => `${b.key} ${b.ratio?.toFixed(2)}x`).join("; ")}\n`);
  process.exitCode = 1;
}
