// Adds up the vitest JSON reports every package wrote (.vitest-report.json) and prints the totals
// as "N passed, N failed". Exits 1 when a test failed or no test ran at all.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const root = process.argv[2] ?? process.cwd();
const reports = [];
for (const group of ["plugins", "tooling", "."]) {
  const base = join(root, group);
  const dirs = group === "." ? ["registry"] : readdirSync(base).filter((d) => statSync(join(base, d)).isDirectory());
  for (const dir of dirs) {
    const file = join(base, dir, ".vitest-report.json");
    try {
      reports.push({ name: `${group === "." ? "" : `${group}/`}${dir}`, ...JSON.parse(readFileSync(file, "utf8")) });
    } catch {
      // no report: the package has no tests
    }
  }
}
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of reports) {
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (r.numFailedTests || r.numFailedTestSuites) console.log(`failing: ${r.name} (${r.numFailedTests} tests, ${r.numFailedTestSuites} files)`);
}
console.log(`${reports.length} packages reported`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
