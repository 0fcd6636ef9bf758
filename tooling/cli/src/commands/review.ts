import { REVIEW_OPTIONS, loadDefaultDynamicChecks, runReviewCommand } from "@connectors/review";
import type { Command } from "../command.ts";

/** `connectors review`: the PR review bot's report for the connectors a change touches, run locally. */
export const reviewCommand: Command = {
  name: "review",
  summary: "Review changed connectors as the PR bot does (manifest, package, security, best practices); exit 1 on errors",
  usage: "connectors review [--path plugins/x ...] [--base REF] [--json] [--dynamic] [--github [--dry-run] [--pr N] [--repo owner/name] [--head-sha SHA] [--api-url URL]]",
  options: REVIEW_OPTIONS,
  run: (args, io) => runReviewCommand(args, { stdout: io.stdout, cwd: io.cwd, loadDynamicChecks: loadDefaultDynamicChecks }),
};
