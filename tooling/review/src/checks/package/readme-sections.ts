import type { ConnectorContext, Finding } from "../../types.ts";

/** The headings every connector README has (style rule 24). */
export const README_SECTIONS = ["What it does to an event", "Configuration", "Limitations", "Development"] as const;

/** Checks the README has a title and the standard `##` sections. */
export function checkReadmeSections(ctx: ConnectorContext): Finding[] {
  const readme = ctx.files.find((file) => file.file === `${ctx.dir}/README.md`);
  if (!readme || readme.binary || readme.tooLarge) return [];
  const headings = [...readme.text.matchAll(/^#{1,3}\s+(.+?)\s*#*$/gm)].map((match) => match[1]!.toLowerCase());
  const found: Finding[] = [];
  if (!/^#\s+\S/m.test(readme.text)) found.push({ rule: "package/readme-sections", category: "package", severity: "warning", file: readme.file, line: 1, message: "README has no `# Title`", fix: "start the README with `# <display name>` and one sentence on what the connector does" });
  for (const section of README_SECTIONS) {
    if (!headings.some((heading) => heading.startsWith(section.toLowerCase()))) {
      found.push({ rule: "package/readme-sections", category: "package", severity: "warning", file: readme.file, message: `README has no "## ${section}" section`, fix: `add "## ${section}" (see plugins/hello-world/README.md)` });
    }
  }
  return found;
}
