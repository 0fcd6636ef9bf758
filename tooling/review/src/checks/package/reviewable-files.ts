import type { ConnectorContext, Finding } from "../../types.ts";

/**
 * Reports what static review could not read: sources with syntax errors (error), binary files and
 * files too large to scan (warning; a human must look at them).
 */
export function checkReviewableFiles(ctx: ConnectorContext): Finding[] {
  const found: Finding[] = [];
  for (const source of ctx.sources) {
    const first = source.syntaxErrors[0];
    if (first) found.push({ rule: "security/unparsable-source", category: "security", severity: "error", file: source.file, line: first.line, message: `cannot be parsed (${source.syntaxErrors.length} syntax error(s), first: ${first.message}); static checks on it are incomplete`, fix: "fix the syntax (`pnpm --filter <package> typecheck`)" });
  }
  for (const file of ctx.files) {
    if (file.binary) found.push({ rule: "security/unreviewable-file", category: "security", severity: "warning", file: file.file, message: `binary file (${file.size} bytes) cannot be reviewed as text`, fix: "keep binaries out of connectors, or a maintainer checks where it comes from" });
    else if (file.tooLarge) found.push({ rule: "security/unreviewable-file", category: "security", severity: file.file.match(/\.[cm]?[jt]s$/) ? "error" : "warning", file: file.file, message: `file is too large to review (${Math.round(file.size / 1024)} KiB)`, fix: "split it, or keep generated/vendored code out of the connector" });
  }
  return found;
}
