import { appendFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";

/**
 * Appends step outputs to the file named by `$GITHUB_OUTPUT`, using heredoc delimiters so values may
 * contain newlines. Does nothing outside Actions (no `GITHUB_OUTPUT`).
 *
 * @param outputs - name → value (values are written as-is)
 * @param path - the output file (default `process.env.GITHUB_OUTPUT`)
 */
export async function writeGithubOutputs(outputs: Record<string, string>, path = process.env["GITHUB_OUTPUT"]): Promise<void> {
  if (!path) return;
  const text = Object.entries(outputs)
    .map(([name, value]) => {
      const delimiter = `EOF_${randomUUID()}`;
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join("");
  await appendFile(path, text);
}
