import { basename } from "node:path";
import type { InstallSource } from "./parse-install-source.ts";

/** A source as messages name it: `npm package x@1.0.0`, `GitHub acme/repo@main (packages/x)`, ... (never its token). */
export function describeSource(source: InstallSource): string {
  switch (source.kind) {
    case "workspace":
      return `workspace connector "${source.slug}"`;
    case "dir":
      return `directory ${source.dir}`;
    case "tgz":
      return `tarball ${source.file}`;
    case "npm":
      return `npm package ${source.name}${source.version ? `@${source.version}` : ""}`;
    case "github":
      return `GitHub ${source.owner}/${source.repo}${source.ref ? `@${source.ref}` : ""}${source.subdir ? ` (${source.subdir})` : ""}`;
    case "gitlab":
      return `GitLab ${source.project}${source.ref ? `@${source.ref}` : ""}${source.subdir ? ` (${source.subdir})` : ""}`;
    case "archive-url":
      return `archive ${source.url}`;
  }
}

function toSlug(name: string): string {
  return name
    .replace(/^@[^/]+\//, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^(posthog-)(?=.)/, "")
    .replace(/(?<=.)-(plugin|app)$/, "")
    .replace(/^-+|-+$/g, "");
}

const ARCHIVE_SUFFIX = /\.(zip|tgz|tar\.gz)$/;
const VERSION_SUFFIX = /-\d+\.\d+\.\d+.*$/;

/** The slug a source installs under by default: the package or repository name without `posthog-` and `-plugin`. */
export function defaultSlugFor(source: InstallSource): string {
  switch (source.kind) {
    case "workspace":
      return source.slug;
    case "dir":
      return toSlug(basename(source.dir));
    case "tgz":
      return toSlug(basename(source.file).replace(ARCHIVE_SUFFIX, "").replace(VERSION_SUFFIX, ""));
    case "npm":
      return toSlug(source.name);
    case "github":
      return toSlug(source.subdir ? basename(source.subdir) : source.repo);
    case "gitlab":
      return toSlug(source.subdir ? basename(source.subdir) : basename(source.project));
    case "archive-url":
      return toSlug(basename(new URL(source.url).pathname).replace(ARCHIVE_SUFFIX, "").replace(VERSION_SUFFIX, ""));
  }
}
