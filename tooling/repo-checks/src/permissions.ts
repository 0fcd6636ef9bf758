import { isRecord } from "./workflow-model.ts";

/**
 * The write scopes a `permissions` value grants: `["*"]` for `write-all`, else each scope set to
 * `write`. `read-all`, `{}` and read/none scopes grant none.
 *
 * @example
 * listWritePermissions({ contents: "read", "pull-requests": "write" }) // ["pull-requests: write"]
 */
export function listWritePermissions(permissions: unknown): string[] {
  if (permissions === "write-all") return ["write-all"];
  if (!isRecord(permissions)) return [];
  return Object.entries(permissions)
    .filter(([, level]) => level === "write")
    .map(([scope]) => `${scope}: write`);
}
