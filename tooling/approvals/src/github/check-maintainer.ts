import type { Octokit } from "octokit";
import { APPROVALS_PATH, ownersOf } from "../parse-codeowners.ts";
import type { MaintainerCheck } from "../types.ts";

/** Options of {@link createMaintainerCheck}. */
export interface MaintainerCheckOptions {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** Text of .github/CODEOWNERS from the default branch checkout. */
  codeowners: string;
  /** Token for `@org/team` owners (needs org `members: read`); default `octokit`. */
  teamOctokit?: Octokit;
}

const WRITE = new Set(["admin", "maintain", "write"]);

/**
 * Returns a (memoized) check of whether a login is a maintainer: an owner of registry/approved.json
 * in .github/CODEOWNERS (directly as `@login`, or as an active member of a listed `@org/team`) who
 * also has write access to the repository now (collaborator permission).
 */
export function createMaintainerCheck(options: MaintainerCheckOptions): (login: string) => Promise<MaintainerCheck> {
  const owners = ownersOf(options.codeowners, APPROVALS_PATH);
  const cache = new Map<string, Promise<MaintainerCheck>>();
  const listed = `the owners of ${APPROVALS_PATH} in .github/CODEOWNERS (${owners.join(", ") || "none"})`;
  async function check(login: string): Promise<MaintainerCheck> {
    let owned = owners.some((o) => o.toLowerCase() === `@${login.toLowerCase()}`);
    for (const team of owners.filter((o) => /^@[^/]+\/.+$/.test(o))) {
      if (owned) break;
      const [org, slug] = team.slice(1).split("/") as [string, string];
      try {
        const { data } = await (options.teamOctokit ?? options.octokit).rest.teams.getMembershipForUserInOrg({ org, team_slug: slug, username: login });
        owned = data.state === "active";
      } catch (error) {
        if ((error as { status?: number }).status !== 404) return { ok: false, reason: `team membership in ${team} cannot be read (HTTP ${(error as { status?: number }).status}); the workflow's team token needs org members: read` };
      }
    }
    if (!owned) return { ok: false, reason: `maintainers are ${listed}` };
    try {
      const { data } = await options.octokit.rest.repos.getCollaboratorPermissionLevel({ owner: options.owner, repo: options.repo, username: login });
      const level = (data as { role_name?: string }).role_name ?? data.permission;
      return WRITE.has(level) || WRITE.has(data.permission) ? { ok: true } : { ok: false, reason: `@${login} is listed in CODEOWNERS but has ${data.permission} access to the repository, not write` };
    } catch (error) {
      if ((error as { status?: number }).status === 404) return { ok: false, reason: `@${login} is listed in CODEOWNERS but is not a collaborator of the repository` };
      throw error;
    }
  }
  return (login) => {
    if (!cache.has(login)) cache.set(login, check(login));
    return cache.get(login)!;
  };
}
