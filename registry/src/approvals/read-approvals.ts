import { readFile } from "node:fs/promises";
import { errorIssue, ManifestError, parseJsonFile } from "@connectors/plugin-api";
import { ApprovalsError } from "../errors.ts";
import type { Approvals } from "./approvals-types.ts";
import { validateApprovals } from "./validate-approvals.ts";

/**
 * Reads and validates the approvals record (registry/approved.json).
 *
 * @throws ApprovalsError naming the file and every issue, when it is missing, not JSON, or invalid
 */
export async function readApprovals(file: string): Promise<Approvals> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ApprovalsError(file, [errorIssue("", "cannot be read", 'create it: { "approved": [], "revoked": [] }')], { cause: error });
  }
  let value: unknown;
  try {
    value = parseJsonFile(text, file);
  } catch (error) {
    throw new ApprovalsError(file, error instanceof ManifestError ? error.issues : [], { cause: error });
  }
  const result = validateApprovals(value);
  if (!result.ok) throw new ApprovalsError(file, result.issues);
  return result.value;
}
