import type { BenchRun } from "../types.ts";

function formatValue(value: number, unit: string): string {
  if (Number.isNaN(value)) return "-";
  const text = Math.abs(value) >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(2);
  return `${text} ${unit}`;
}

/** The failure limit of a budget as text, or "reported only" for a figure budgeted by its target only. */
function failLimit(comparison: "<" | ">", limit: number | undefined): string {
  return limit === undefined ? ", reported only" : `, fail ${comparison} ${limit}`;
}

/** A plain-text table of every figure with its baseline and ratio, then the budgets. */
export function renderTable(run: BenchRun): string {
  const { machine } = run;
  const lines = [`machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node} (${machine.platform}/${machine.arch})${run.quick ? " — quick run" : ""}`, ""];
  const rows = run.results.map((r) => [r.suite, r.name, formatValue(r.value, r.unit), r.baseline ? `${r.baseline.name}: ${formatValue(r.baseline.value, r.unit.startsWith("x (") ? "events/s" : r.unit)}` : "", r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}x`, r.note ?? ""]);
  const header = ["suite", "figure", "value", "baseline (same run)", "ratio", "note"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const render = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd();
  lines.push(render(header), render(widths.map((w) => "-".repeat(w))), ...rows.map(render), "");
  for (const b of run.budgets) {
    const limit = b.budget.higherIsBetter ? `target >= ${b.budget.target}${failLimit("<", b.budget.failBelow)}` : `target <= ${b.budget.target}${failLimit(">", b.budget.failAbove)}`;
    lines.push(`budget ${b.key}: ${b.ratio === undefined ? "-" : `${b.ratio.toFixed(2)}x`} (${limit}) ${b.status}`);
  }
  return `${lines.join("\n")}\n`;
}
