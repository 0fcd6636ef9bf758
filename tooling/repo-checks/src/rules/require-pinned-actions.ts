import type { WorkflowIssue } from "../workflow-issue.ts";
import { reportIssue, type WorkflowRule } from "../workflow-rule.ts";
import { listJobs, listSteps } from "../workflow-model.ts";
import type { WorkflowFile } from "../load-workflow-file.ts";

const NAME = "require-pinned-actions";
const FULL_SHA = /^[0-9a-f]{40}$/;
const VERSION_COMMENT = /#\s*v\d/;

/**
 * Every third-party action or reusable workflow (`owner/repo[/path]@ref`) is pinned by a full 40-hex
 * commit SHA, with a `# vX` comment naming the release; docker images are pinned by `@sha256:` digest.
 * Local actions (`./…`) are trusted as part of the checked-out tree.
 */
export const requirePinnedActions: WorkflowRule = {
  name: NAME,
  description: "third-party actions are pinned by full commit SHA with a `# vX` comment (tags and branches can be moved)",
  check(file) {
    const uses = [
      ...listSteps(file).map(({ path, step }) => ({ path: [...path, "uses"], value: step["uses"] })),
      ...listJobs(file).map(({ path, job }) => ({ path: [...path, "uses"], value: job["uses"] })),
    ];
    return uses.flatMap(({ path, value }) => (typeof value === "string" ? checkUses(file, path, value) : []));
  },
};

function checkUses(file: WorkflowFile, path: (string | number)[], uses: string): WorkflowIssue[] {
  if (uses.startsWith("./")) return [];
  if (uses.startsWith("docker://")) {
    return /@sha256:[0-9a-f]{64}$/.test(uses)
      ? []
      : [reportIssue(file, NAME, path, `docker image "${uses}" is not pinned by digest`, "use docker://image@sha256:<digest>")];
  }
  const at = uses.lastIndexOf("@");
  const ref = at === -1 ? "" : uses.slice(at + 1);
  if (!FULL_SHA.test(ref)) {
    return [
      reportIssue(
        file,
        NAME,
        path,
        `"${uses}" is pinned by "${ref || "nothing"}", not a full commit SHA; a tag or branch can be moved to other code`,
        `use ${at === -1 ? uses : uses.slice(0, at)}@<40-hex commit SHA> # vX.Y.Z`,
      ),
    ];
  }
  const line = file.lineOf(path);
  const source = line === undefined ? "" : (file.text.split("\n")[line - 1] ?? "");
  return VERSION_COMMENT.test(source)
    ? []
    : [reportIssue(file, NAME, path, `"${uses}" has no "# vX" comment saying which release the SHA is`, "append a comment such as # v4.2.2", "warning")];
}
