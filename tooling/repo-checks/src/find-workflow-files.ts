import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";

/**
 * The repo-relative paths of every workflow (`.github/workflows/*.yml|yaml`) and action metadata file
 * (`.github/actions/**\/action.yml|yaml`) under `root`, sorted.
 *
 * @param root - the repository root
 */
export async function findWorkflowFiles(root: string): Promise<string[]> {
  const workflows = (await listFiles(join(root, ".github", "workflows"), false)).filter((path) => /\.ya?ml$/.test(path));
  const actions = (await listFiles(join(root, ".github", "actions"), true)).filter((path) => /(^|\/)action\.ya?ml$/.test(path));
  return [...workflows, ...actions].map((path) => relative(root, path).replaceAll("\\", "/")).sort();
}

async function listFiles(dir: string, recursive: boolean): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive });
    return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}
