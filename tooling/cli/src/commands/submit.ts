import { renderMarkdown, submitConnector, SubmitError } from "@connectors/review";
import type { Command, CommandArgs, CommandIO } from "../command.ts";
import { UsageError } from "../read-input.ts";

async function execute(args: CommandArgs, io: CommandIO): Promise<number> {
  const source = args.positionals[0];
  const { values } = args;
  if (!source || args.positionals.length > 1) throw new UsageError("submit needs exactly one source: a directory, a .tgz, an npm name@version, or a GitHub/GitLab URL");
  let submitted;
  try {
    submitted = await submitConnector(source, {
      cwd: io.cwd,
      ...(typeof values.slug === "string" ? { slug: values.slug } : {}),
      ...(typeof values.branch === "string" ? { branch: values.branch } : {}),
      allowFindings: values["allow-findings"] === true,
    });
  } catch (error) {
    if (!(error instanceof SubmitError)) throw error;
    io.stderr(`error: ${error.message}\n`);
    return 2;
  }
  const { report, branch } = submitted;
  if (values.json === true) io.stdout(`${JSON.stringify({ ok: Boolean(branch), ...submitted }, null, 2)}\n`);
  else {
    io.stdout(renderMarkdown(report, { plain: true }));
    if (!branch) io.stdout(`\nnothing written: the review found ${report.totals.error} error(s). Fix them at the source and submit again (or --allow-findings to open the PR with them).\n`);
    else io.stdout(`\nsubmitted ${submitted.slug} as ${submitted.dir} on branch ${branch} (${submitted.files.length} files, commit ${submitted.commit?.slice(0, 7)}).\nnext: pnpm install && pnpm vitest run --project ${submitted.slug}\n      git push -u origin ${branch}, then open a pull request\n`);
  }
  return branch ? (report.totals.error > 0 ? 1 : 0) : 1;
}

/** `connectors submit <source>`: a connector from outside the repository becomes `plugins/<slug>` on a new branch. */
export const submitCommand: Command = {
  name: "submit",
  summary: "Bring a connector from a directory, .tgz, npm or GitHub/GitLab into plugins/<slug> on a new branch, reviewed, ready for a PR",
  usage: "connectors submit <dir | file.tgz | npm-name@version | GitHub/GitLab URL> [--slug NAME] [--branch NAME] [--allow-findings] [--json]",
  options: {
    slug: { type: "string" },
    branch: { type: "string" },
    "allow-findings": { type: "boolean" },
    json: { type: "boolean" },
  },
  run: execute,
};
