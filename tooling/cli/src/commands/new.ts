import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { findWorkspaceRoot } from "@connectors/harness";
import type { Command, CommandIO } from "../command.ts";
import { updateReadmeConnectorTable } from "./list.ts";
import { UsageError } from "../read-input.ts";
import { CONNECTOR_SLUG, titleFromSlug } from "../connector-slug.ts";
import { scaffoldStandaloneRepo } from "../standalone/scaffold-standalone-repo.ts";
import { installWorkspace } from "../install-workspace.ts";

const TEMPLATE = "hello-world";
const TEMPLATE_FILES = ["index.ts", "index.test.ts", "plugin.json", "package.json", "README.md", "tsconfig.json", "vitest.config.ts", "fixtures"];

function rewrite(file: string, edit: (text: string) => string): void {
  writeFileSync(file, edit(readFileSync(file, "utf8")));
}

/** Copies the hello-world template to plugins/<slug>, renamed; returns the new directory. */
export function scaffoldConnector(root: string, slug: string): string {
  if (!CONNECTOR_SLUG.test(slug)) throw new UsageError(`"${slug}" is not a valid slug: use lower-case letters, digits and single dashes, starting with a letter (e.g. "my-connector")`);
  const dir = join(root, "plugins", slug);
  if (existsSync(dir)) throw new UsageError(`plugins/${slug} already exists; pick another slug or edit that connector`);
  const template = join(root, "plugins", TEMPLATE);
  for (const file of TEMPLATE_FILES) cpSync(join(template, file), join(dir, file), { recursive: true });
  const name = titleFromSlug(slug);
  const pkgName = `posthog-${slug}-plugin`;
  rewrite(join(dir, "package.json"), (text) => {
    const pkg = JSON.parse(text);
    Object.assign(pkg, { name: pkgName, version: "0.1.0", description: `${name}: a PostHog connector.` });
    return `${JSON.stringify(pkg, null, 2)}\n`;
  });
  rewrite(join(dir, "plugin.json"), (text) => {
    const manifest = JSON.parse(text);
    Object.assign(manifest, { name, url: manifest.url.replace(`/${TEMPLATE}`, `/${slug}`), description: `${name}: describe what it does to an event.`, maintainer: "community" });
    return `${JSON.stringify(manifest, null, 2)}\n`;
  });
  rewrite(join(dir, "index.test.ts"), (text) => text.replaceAll(`describe("${TEMPLATE}"`, `describe("${slug}"`));
  rewrite(join(dir, "README.md"), (text) => text.replace(/^# .*$/m, `# ${name}`).replaceAll(TEMPLATE, slug));
  writeFileSync(join(dir, "CHANGELOG.md"), `# ${pkgName}\n`);
  writeFileSync(join(root, ".changeset", `${slug}-initial.md`), `---\n"${pkgName}": minor\n---\n\nFirst release of ${name}.\n`);
  updateReadmeConnectorTable(root);
  return dir;
}

function writeStandalone(dir: string, slug: string | undefined, io: CommandIO): number {
  const repo = scaffoldStandaloneRepo(resolve(io.cwd, dir), slug);
  io.stdout(`created ${repo.dir}: ${repo.files.join(", ")}\nnext:\n  cd ${dir} && git init && npm install\n  npx connectors test\n  npx connectors run . --config '{"name":"Alice"}'\n  npx connectors review .\n`);
  return 0;
}

export const newCommand: Command = {
  name: "new",
  summary: "Scaffold plugins/<slug> from the hello-world template (its tests pass at once), or a connector repository of its own",
  usage: "connectors new <slug> [--no-install]\n       connectors new --standalone <dir> [slug]   (a posthog-<slug>-plugin repository on the published toolkit; then npm install)",
  options: { "no-install": { type: "boolean" }, standalone: { type: "string" } },
  async run(args, io) {
    if (typeof args.values.standalone === "string") return writeStandalone(args.values.standalone, args.positionals[0], io);
    const slug = args.positionals[0];
    if (!slug) throw new UsageError("new needs a slug, e.g. connectors new my-connector");
    const root = findWorkspaceRoot(io.cwd);
    if (!root) throw new UsageError("run connectors new inside the connectors workspace (no pnpm-workspace.yaml found)");
    const dir = scaffoldConnector(root, slug);
    if (!args.values["no-install"]) installWorkspace(root, `plugins/${slug}`);
    io.stdout(`created ${dir}\nnext: edit plugins/${slug}/index.ts, then\n  pnpm connectors run ${slug} --config '{"name":"Alice"}'\n  pnpm vitest run --project ${slug}\n`);
    return 0;
  },
};
