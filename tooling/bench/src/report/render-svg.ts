import type { BenchResult } from "../types.ts";

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!);

/** Rough width of 12 px system-ui text (labels are laid out without a font engine). */
const textWidth = (text: string) => Math.ceil(text.length * 6.8);
const ROW = 24;

interface Chart {
  title: string;
  bars: Array<{ label: string; value: number }>;
  format: (value: number) => string;
  /** A dashed line at this value (e.g. 1.0 = parity for ratios). */
  reference?: { value: number; label: string };
}

const count = (value: number) => Math.round(value).toLocaleString("en-US");
const times = (value: number) => `${value.toFixed(2)}x`;

function barChart(chart: Chart, y: number, width: number): { svg: string; height: number } {
  const labelWidth = Math.max(...chart.bars.map((b) => textWidth(b.label))) + 20;
  const valueWidth = Math.max(...chart.bars.map((b) => textWidth(chart.format(b.value)))) + 12;
  const barSpace = Math.max(120, width - labelWidth - valueWidth - 10);
  const max = Math.max(...chart.bars.map((b) => b.value), chart.reference?.value ?? 0) || 1;
  const parts = [`<text x="10" y="${y + 18}" font-weight="bold">${escapeXml(chart.title)}</text>`];
  chart.bars.forEach((bar, i) => {
    const top = y + 30 + i * ROW;
    const w = Math.max(1, (bar.value / max) * barSpace);
    parts.push(
      `<text x="10" y="${top + 14}">${escapeXml(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${top}" width="${w.toFixed(1)}" height="18" fill="#1d4aff"><title>${escapeXml(`${bar.label}: ${chart.format(bar.value)}`)}</title></rect>`,
      `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${top + 14}">${escapeXml(chart.format(bar.value))}</text>`,
    );
  });
  if (chart.reference) {
    const x = (labelWidth + (chart.reference.value / max) * barSpace).toFixed(1);
    const bottom = y + 30 + chart.bars.length * ROW;
    parts.push(`<line x1="${x}" y1="${y + 26}" x2="${x}" y2="${bottom}" stroke="#f54e00" stroke-dasharray="4 3"/>`, `<text x="${x}" y="${bottom + 12}" fill="#f54e00" text-anchor="middle">${escapeXml(chart.reference.label)}</text>`);
  }
  return { svg: parts.join("\n"), height: 44 + chart.bars.length * ROW + (chart.reference ? 12 : 0) };
}

function chartsOf(results: readonly BenchResult[]): Chart[] {
  const measured = (r: BenchResult) => !Number.isNaN(r.value);
  const bars = (list: BenchResult[], label = (r: BenchResult) => r.name) => list.filter(measured).map((r) => ({ label: label(r), value: r.value }));
  return [
    { title: "processEvent throughput per mode (events/s, higher is better)", bars: bars(results.filter((r) => r.suite === "harness" && r.unit === "events/s")), format: count },
    {
      title: "sandbox vs the unsandboxed path of the same shape, pool vs one isolate (x, higher is better)",
      bars: bars(results.filter((r) => r.suite === "harness" && r.unit.startsWith("x (") && !r.name.includes("vm2"))),
      format: times,
      reference: { value: 1, label: "1.0 = parity" },
    },
    { title: "sandbox host crossings and child-process IPC messages per event (lower is better)", bars: bars(results.filter((r) => r.unit === "crossings/event" || r.unit === "messages/event")), format: (v: number) => v.toFixed(3) },
    { title: "many configs per process: latency (ms, lower is better)", bars: bars(results.filter((r) => r.suite === "configs" && r.unit === "ms")), format: (v: number) => v.toFixed(2) },
    { title: "many configs per process: memory (MiB, lower is better)", bars: bars(results.filter((r) => r.suite === "configs" && r.unit === "MiB")), format: (v: number) => v.toFixed(2) },
    { title: "chain throughput by length (events/s, higher is better)", bars: bars(results.filter((r) => r.suite === "chains" && r.unit === "events/s")), format: count },
    { title: "registry cold build by catalog size (ms, lower is better)", bars: bars(results.filter((r) => r.suite === "registry" && r.unit === "ms" && r.name.endsWith(": cold build")), (r) => r.name.replace(": cold build", "")), format: count },
  ].filter((c) => c.bars.length > 0);
}

/**
 * An SVG chart (no external assets): one chart per unit, each saying which direction is better — throughput
 * per mode, sandbox ratios against the unsandboxed path (line at parity), host crossings and IPC messages per event, the
 * many-configs figures, chain throughput and registry build time. Ratios never share an axis with times.
 */
export function renderSvg(results: readonly BenchResult[]): string {
  const width = 1000;
  let y = 10;
  const body: string[] = [];
  for (const chart of chartsOf(results)) {
    const { svg, height } = barChart(chart, y, width);
    body.push(svg);
    y += height + 20;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="benchmark results">\n<rect width="100%" height="100%" fill="white"/>\n${body.join("\n")}\n</svg>\n`;
}
