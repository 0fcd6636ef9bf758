import { reportIssue, type WorkflowRule } from "../workflow-rule.ts";
import { listWritePermissions } from "../permissions.ts";

const NAME = "require-top-level-permissions";

/**
 * A workflow declares top-level `permissions`, and they are read-only (`{}`, `read-all` or scopes set
 * to `read`/`none`). Write scopes belong on the one job that needs them, so a new job starts read-only
 * instead of inheriting the repository default token (which may be read-write).
 */
export const requireTopLevelPermissions: WorkflowRule = {
  name: NAME,
  description: "top-level permissions are present and read-only; write scopes are granted per job",
  check(file) {
    if (file.kind !== "workflow") return [];
    if (!("permissions" in file.data)) {
      return [
        reportIssue(
          file,
          NAME,
          ["on"],
          "workflow has no top-level permissions, so every job gets the repository's default token scopes",
          "add `permissions: contents: read` (or `permissions: {}`) at the top and grant writes per job",
        ),
      ];
    }
    return listWritePermissions(file.data["permissions"]).map((scope) =>
      reportIssue(
        file,
        NAME,
        ["permissions"],
        `top-level permissions grant "${scope}", which every job inherits`,
        "keep top-level permissions read-only and move the write scope to the job that needs it",
      ),
    );
  },
};
