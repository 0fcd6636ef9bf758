/**
 * A short code frame: the line at `line` with `context` lines either side, numbered, and a caret
 * under `column` (both 1-based). Lines are cut at 160 characters so a minified line stays readable.
 *
 * @example
 * formatCodeFrame("a\nthrow new Error('x')\nb", 2, 1)
 * //   1 | a
 * // > 2 | throw new Error('x')
 * //     | ^
 * //   3 | b
 */
export function formatCodeFrame(source: string, line: number, column: number, context = 2): string | undefined {
  const lines = source.split(/\r?\n/);
  if (line < 1 || line > lines.length) return undefined;
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1]!.replace(/\t/g, " ").slice(0, 160);
    out.push(`${n === line ? ">" : " "} ${String(n).padStart(width)} | ${text}`.trimEnd());
    if (n === line) out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.min(Math.max(column - 1, 0), 160))}^`);
  }
  return out.join("\n");
}
