import { REVIEW_OPTIONS, ReviewUsageError, loadDefaultDynamicChecks, runReviewCommand } from "@connectors/review";
import type { Command } from "../command.ts";

/** `connectors review`: the PR review bot's report for the connectors a change touches, run locally. */
export const reviewCommand: Command = {
  name: "review",
  summary: "Review changed connectors as the PR bot does (manifest, package, security, best practices); exit 1 on errors",
  usage: "connectors review [--path plugins/x ...] [--base REF] [--json] [--dynamic] [--github [--dry-run] [--pr N] [--repo owner/name] [--head-sha SHA] [--api-url URL]]\n       connectors review <dir | file.tgz | npm-name@version | GitHub/GitLab URL> [--json] [--dynamic]   (exit 0 clean, 1 problems found, 2 could not review)",
  options: REVIEW_OPTIONS,
  async run(args, io) {
    try {
      return await runReviewCommand(args, { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd, loadDynamicChecks: loadDefaultDynamicChecks });
    } catch (error) {
      if (!(error instanceof ReviewUsageError)) throw error;
      io.stderr(`error: ${error.message}\n`);
      return 2;
    }
  },
};
