import { installConnector } from "@connectors/harness";
import type { Issue, PluginManifest } from "@connectors/plugin-api";
import type { Command, CommandArgs, CommandIO } from "../command.ts";
import { UsageError } from "../read-input.ts";

/** The install warning of a deprecated connector (plugin.json `status` / `deprecation`), naming its replacement. */
function deprecationWarnings(slug: string, manifest: PluginManifest): string[] {
  if (manifest.status !== "deprecated") return [];
  const d = manifest.deprecation;
  return [`${slug} is deprecated${d ? ` since ${d.date}${d.reason ? ` (${d.reason})` : ""}: install ${d.replacement} instead (\`connectors install ${d.replacement}\`)` : ""}.`];
}

/** The install warnings of plugin.json (for a third-party connector, the quirks PostHog accepted), one line each; never a config default. */
function manifestWarnings(issues: readonly Issue[]): string[] {
  return issues.map((issue) => `plugin.json ${issue.path || "/"}: ${issue.message}${issue.fix ? ` Fix: ${issue.fix}` : ""}`);
}

async function execute(args: CommandArgs, io: CommandIO): Promise<number> {
  const source = args.positionals[0];
  if (!source) throw new UsageError("install needs a source: a slug, a directory, a .tgz, an npm name@version, or a GitHub/GitLab URL");
  const { values } = args;
  const installed = await installConnector(source, {
    cwd: io.cwd,
    ...(typeof values.into === "string" ? { into: values.into } : {}),
    ...(typeof values.name === "string" ? { name: values.name } : {}),
    ...(typeof values.registry === "string" ? { npmRegistry: values.registry } : {}),
    ...(typeof values.github === "string" ? { githubUrl: values.github } : {}),
    ...(typeof values.gitlab === "string" ? { gitlabUrl: values.gitlab } : {}),
    force: values.force === true,
  });
  const warnings = [...deprecationWarnings(installed.slug, installed.manifest), ...manifestWarnings(installed.warnings)];
  if (values.json === true) io.stdout(`${JSON.stringify({ ok: true, slug: installed.slug, dir: installed.dir, source: installed.source, files: installed.files, ...(warnings.length ? { warnings } : {}) }, null, 2)}\n`);
  else io.stdout(`installed ${installed.slug} (${installed.manifest.name}, ${installed.files.length - 1} files) into ${installed.dir}\nrun it (in the sandbox): connectors run ${installed.slug}\n`);
  for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
  return 0;
}

export const installCommand: Command = {
  name: "install",
  summary: "Install a connector (the files its package ships) from a slug, directory, .tgz, npm name@version, GitHub/GitLab or archive URL",
  usage:
    "connectors install <source> [--name SLUG] [--into DIR] [--force] [--registry URL] [--github URL] [--gitlab URL] [--json]\n\n" +
    "Base URLs also come from CONNECTORS_NPM_REGISTRY, CONNECTORS_GITHUB_URL, CONNECTORS_GITLAB_URL. Default DIR: <workspace>/.connectors/installed.\n" +
    "The package is read into memory (downloads and archives capped, see SECURITY.md), its code is checked in the sandbox, and only then written. Installed connectors run in the sandbox: connectors run <slug>; list them with connectors list --installed.",
  options: {
    name: { type: "string" },
    into: { type: "string" },
    force: { type: "boolean" },
    registry: { type: "string" },
    github: { type: "string" },
    gitlab: { type: "string" },
    json: { type: "boolean" },
  },
  run: execute,
};
