import type { ConnectorContext, Finding } from "../../types.ts";

/**
 * Reports what static review could not read: sources with syntax errors (error), binary files that
 * are not images (error: a WebAssembly module, a native addon or a packed payload the bundler could
 * load, and the review cannot read), and files too large to scan (error for sources, else a warning).
 */
export function checkReviewableFiles(ctx: ConnectorContext): Finding[] {
  const found: Finding[] = [];
  for (const source of ctx.sources) {
    const first = source.syntaxErrors[0];
    if (first) found.push({ rule: "security/unparsable-source", category: "security", severity: "error", file: source.file, line: first.line, message: `cannot be parsed (${source.syntaxErrors.length} syntax error(s), first: ${first.message}); static checks on it are incomplete`, fix: "fix the syntax (`pnpm --filter <package> typecheck`)" });
  }
  for (const file of ctx.files) {
    if (file.binary && !file.image) found.push({ rule: "security/unreviewable-file", category: "security", severity: "error", file: file.file, message: `binary file (${file.size} bytes) that is not an image: the review cannot read it, and code could load it`, fix: "keep binaries (WebAssembly, native addons, archives, data blobs) out of connectors; ship data as JSON or fetch it from a declared host" });
    else if (file.image && file.tooLarge) found.push({ rule: "security/unreviewable-file", category: "security", severity: "warning", file: file.file, message: `image of ${Math.round(file.size / 1024)} KiB`, fix: "keep icons small (under 512 KiB)" });
    else if (file.binary) continue;
    else if (file.tooLarge) found.push({ rule: "security/unreviewable-file", category: "security", severity: file.file.match(/\.[cm]?[jt]s$/) ? "error" : "warning", file: file.file, message: `file is too large to review (${Math.round(file.size / 1024)} KiB)`, fix: "split it, or keep generated/vendored code out of the connector" });
  }
  return found;
}
