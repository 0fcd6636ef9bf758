import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** The review's fixture folder (`tooling/review/fixtures`). */
export const FIXTURES = join(import.meta.dirname, "../../fixtures");

/** Files of a tree: a path maps to text, or to `{ copy: dir }` to copy a fixture directory there. */
export type FixtureTree = Record<string, string | Buffer | { copy: string }>;

function writeTree(root: string, tree: FixtureTree): void {
  for (const [path, content] of Object.entries(tree)) {
    const at = join(root, path);
    if (typeof content === "object" && !Buffer.isBuffer(content)) {
      cpSync(content.copy, at, { recursive: true });
      continue;
    }
    mkdirSync(dirname(at), { recursive: true });
    writeFileSync(at, content);
  }
}

/** A throwaway git repository for one test. */
export interface FixtureRepo {
  root: string;
  write(tree: FixtureTree): void;
  remove(path: string): void;
  commit(message: string): void;
  cleanup(): void;
}

/**
 * Creates a git repository in a temp directory whose `main` holds `base`, checked out on a branch
 * `pr`; write the PR's files with `repo.write` (left uncommitted, or `repo.commit`).
 */
export function createFixtureRepo(base: FixtureTree = {}): FixtureRepo {
  const root = mkdtempSync(join(tmpdir(), "review-fixture-"));
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=review@test", "-c", "user.name=review", "-c", "commit.gpgsign=false", ...args], { cwd: root, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  writeTree(root, { "README.md": "# fixture\n", ...base });
  git("add", "-A");
  git("commit", "-q", "-m", "base");
  git("checkout", "-q", "-b", "pr");
  return {
    root,
    write: (tree) => writeTree(root, tree),
    remove: (path) => rmSync(join(root, path), { recursive: true, force: true }),
    commit: (message) => {
      git("add", "-A");
      git("commit", "-q", "-m", message);
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
