import { relative } from "node:path";
import { renderMarkdown, runReview } from "@connectors/review";
import { StudioError } from "../studio-error.ts";

/**
 * The review bot's report for one workspace connector (static checks; nothing is executed), as
 * findings for a table and the Markdown the pull request comment would show.
 */
export async function reviewConnector(root: string, dir: string) {
  const path = relative(root, dir).split("\\").join("/");
  if (!/^plugins\/[^/]+$/.test(path)) throw new StudioError(400, "only workspace connectors (plugins/<slug>) are reviewed here: convert this folder into a package first", { field: "id" });
  const report = await runReview({ cwd: root, paths: [path] });
  const connector = report.connectors[0];
  return { findings: connector?.findings ?? [], categories: connector?.categories ?? {}, notices: report.notices, totals: report.totals, markdown: renderMarkdown(report) };
}
