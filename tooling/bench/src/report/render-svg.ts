import type { BenchResult } from "../types.ts";

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!);

function barChart(title: string, bars: Array<{ label: string; value: number }>, y: number, width: number): { svg: string; height: number } {
  const max = Math.max(...bars.map((b) => b.value), 1);
  const labelWidth = 300;
  const barSpace = width - labelWidth - 120;
  const parts = [`<text x="10" y="${y + 18}" font-weight="bold">${escapeXml(title)}</text>`];
  bars.forEach((bar, i) => {
    const top = y + 30 + i * 24;
    const w = Math.max(1, (bar.value / max) * barSpace);
    parts.push(
      `<text x="10" y="${top + 14}">${escapeXml(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${top}" width="${w.toFixed(1)}" height="18" fill="#1d4aff"><title>${escapeXml(`${bar.label}: ${bar.value}`)}</title></rect>`,
      `<text x="${labelWidth + w + 6}" y="${top + 14}">${Math.round(bar.value).toLocaleString("en-US")}</text>`,
    );
  });
  return { svg: parts.join("\n"), height: 40 + bars.length * 24 };
}

/**
 * An SVG chart (no external assets): processEvent throughput per mode and connector, chain
 * throughput by length, and registry build time by catalog size.
 */
export function renderSvg(results: readonly BenchResult[]): string {
  const width = 900;
  const measured = (r: BenchResult) => !Number.isNaN(r.value);
  const charts = [
    { title: "processEvent throughput (events/s) per mode", bars: results.filter((r) => r.suite === "harness" && r.unit === "events/s" && measured(r)).map((r) => ({ label: r.name, value: r.value })) },
    { title: "chain throughput (events/s) by length", bars: results.filter((r) => r.suite === "chains" && r.unit === "events/s").map((r) => ({ label: r.name, value: r.value })) },
    { title: "registry cold build (ms) by catalog size", bars: results.filter((r) => r.suite === "registry" && r.name.endsWith("cold build")).map((r) => ({ label: r.name.replace(": cold build", ""), value: r.value })) },
  ].filter((c) => c.bars.length > 0);
  let y = 10;
  const body: string[] = [];
  for (const chart of charts) {
    const { svg, height } = barChart(chart.title, chart.bars, y, width);
    body.push(svg);
    y += height + 20;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="benchmark results">\n<rect width="100%" height="100%" fill="white"/>\n${body.join("\n")}\n</svg>\n`;
}
