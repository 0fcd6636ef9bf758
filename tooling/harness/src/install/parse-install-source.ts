import { existsSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { findWorkspaceRoot } from "../load/resolve-source.ts";

/** Where a connector comes from (the tutorial's ways, plus plain archive URLs). */
export type InstallSource =
  | { kind: "workspace"; slug: string; dir: string }
  | { kind: "dir"; dir: string }
  | { kind: "tgz"; file: string }
  | { kind: "npm"; name: string; version?: string }
  | { kind: "github"; owner: string; repo: string; ref?: string; subdir?: string; archive?: "zip" | "tar.gz"; token?: string }
  | { kind: "gitlab"; project: string; ref?: string; subdir?: string; token?: string }
  | { kind: "archive-url"; url: string };

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const NPM_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/;

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function parseNpmSpec(spec: string): { name: string; version?: string } | undefined {
  const at = spec.lastIndexOf("@");
  const [name, version] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined];
  if (!NPM_NAME.test(name) || (version !== undefined && !/^[\w.+-]+$/.test(version))) return undefined;
  return version ? { name, version } : { name };
}

function parseGitHub(url: URL): InstallSource | undefined {
  const [owner, repoRaw, kind, ...rest] = url.pathname.split("/").filter(Boolean);
  if (!owner || !repoRaw) return undefined;
  const repo = repoRaw.replace(/\.git$/, "");
  if (!kind) return { kind: "github", owner, repo };
  if (kind === "tree" || kind === "commit" || kind === "blob") {
    const [ref, ...sub] = rest;
    if (!ref) return undefined;
    return sub.length ? { kind: "github", owner, repo, ref, subdir: sub.join("/") } : { kind: "github", owner, repo, ref };
  }
  if (kind === "releases" && rest[0] === "tag" && rest[1]) return { kind: "github", owner, repo, ref: rest[1] };
  if (kind === "archive") {
    const file = rest.join("/");
    const match = /^(?:refs\/(?:heads|tags)\/)?(.+?)\.(zip|tar\.gz)$/.exec(file);
    if (match) return { kind: "github", owner, repo, ref: match[1]!, archive: match[2] as "zip" | "tar.gz" };
  }
  return undefined;
}

function parseGitLab(url: URL): InstallSource | undefined {
  const path = url.pathname.replace(/^\/+|\/+$/g, "");
  const [project, route] = path.split("/-/");
  if (!project || !project.includes("/")) return undefined;
  if (!route) return { kind: "gitlab", project: project.replace(/\.git$/, "") };
  const [kind, ref, ...sub] = route.split("/");
  if ((kind === "tree" || kind === "commit" || kind === "blob") && ref) return sub.length ? { kind: "gitlab", project, ref, subdir: sub.join("/") } : { kind: "gitlab", project, ref };
  if (kind === "archive" && ref) return { kind: "gitlab", project, ref };
  return undefined;
}

/** Base URLs of the hosts sources are fetched from (tests point them at a loopback server). */
export interface SourceHosts {
  /** Hosts whose URLs are GitHub repositories (default github.com). */
  githubHosts?: string[];
  /** Hosts whose URLs are GitLab projects (default gitlab.com). */
  gitlabHosts?: string[];
}

/**
 * Recognises an install source: a workspace slug (plugins/<slug>), a local directory, a local npm
 * tarball (.tgz / .tar.gz), an npm `name@version` (or npmjs.com package URL), a GitHub or GitLab
 * repository URL (`/tree/<ref>/<subdir>`, `/commit/<sha>`, `/releases/tag/<tag>`, `/archive/<ref>.zip`),
 * or any other http(s) URL of a .zip/.tgz/.tar.gz archive. Undefined when it is none of these.
 */
export function parseInstallSource(source: string, cwd: string = process.cwd(), hosts: SourceHosts = {}): InstallSource | undefined {
  const trimmed = source.trim();
  if (/^https?:\/\//.test(trimmed)) {
    const url = new URL(trimmed);
    const githubHosts = hosts.githubHosts ?? ["github.com", "www.github.com"];
    const gitlabHosts = hosts.gitlabHosts ?? ["gitlab.com", "www.gitlab.com"];
    const isArchive = /\.(zip|tgz|tar\.gz)$/.test(url.pathname);
    // PostHog accepted `?private_token=` on repository URLs for private repositories.
    const token = url.searchParams.get("private_token") ?? undefined;
    const withToken = (parsed: InstallSource | undefined) => (parsed && token && (parsed.kind === "github" || parsed.kind === "gitlab") ? { ...parsed, token } : parsed);
    if (githubHosts.includes(url.host)) {
      const github = parseGitHub(url);
      if (github && !(isArchive && github.kind === "github" && !github.archive)) return withToken(github);
    }
    if (gitlabHosts.includes(url.host) && !isArchive) return withToken(parseGitLab(url));
    if (/(^|\.)npmjs\.com$/.test(url.hostname)) {
      const match = /^\/package\/((?:@[^/]+\/)?[^/]+)(?:\/v\/([^/]+))?/.exec(url.pathname);
      return match ? { kind: "npm", name: decodeURIComponent(match[1]!), ...(match[2] ? { version: match[2] } : {}) } : undefined;
    }
    if (isArchive) return { kind: "archive-url", url: trimmed };
    return undefined;
  }
  if (trimmed.startsWith("npm:")) {
    const spec = parseNpmSpec(trimmed.slice(4));
    return spec ? { kind: "npm", ...spec } : undefined;
  }
  const root = findWorkspaceRoot(cwd);
  if (root && SLUG.test(trimmed) && isDir(join(root, "plugins", trimmed))) return { kind: "workspace", slug: trimmed, dir: join(root, "plugins", trimmed) };
  const path = isAbsolute(trimmed) ? trimmed : resolve(cwd, trimmed);
  if (/\.(tgz|tar\.gz)$/.test(trimmed) && existsSync(path)) return { kind: "tgz", file: path };
  if (isDir(path)) return { kind: "dir", dir: path };
  if (trimmed.startsWith(".") || trimmed.startsWith("/")) return undefined;
  const spec = parseNpmSpec(trimmed);
  return spec && (spec.version || trimmed.startsWith("@")) ? { kind: "npm", ...spec } : undefined;
}

/** True when a `run` target must be fetched first (npm, GitHub, GitLab, archive URL, .tgz). */
export function isRemoteSource(source: string, cwd: string = process.cwd()): boolean {
  const parsed = parseInstallSource(source, cwd);
  return parsed !== undefined && parsed.kind !== "workspace" && parsed.kind !== "dir";
}
