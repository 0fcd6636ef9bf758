import type { PluginMeta } from "@posthog/plugin-scaffold";
import { postDatabricks } from "./databricks-api.ts";

/** Raw bytes per add-block call: base64 makes them ≤ 1 MB, DBFS's block limit. */
export const BLOCK_BYTES = 768 * 1024;

/** Cuts text into UTF-8 chunks of at most `maxBytes`, never inside a line unless a single line is longer. */
export function chunkText(lines: string[], maxBytes = BLOCK_BYTES): Buffer[] {
  const chunks: Buffer[] = [];
  let current: Buffer[] = [];
  let size = 0;
  const push = () => {
    if (current.length) chunks.push(Buffer.concat(current));
    current = [];
    size = 0;
  };
  for (const line of lines) {
    const bytes = Buffer.from(`${line}\n`, "utf8");
    if (size + bytes.length > maxBytes) push();
    for (let offset = 0; offset < bytes.length; offset += maxBytes) {
      const part = bytes.subarray(offset, offset + maxBytes);
      if (size + part.length > maxBytes) push();
      current.push(part);
      size += part.length;
    }
  }
  push();
  return chunks;
}

/** Creates (overwriting) a DBFS file, writes the blocks, closes it. */
export async function writeDbfsFile(meta: Pick<PluginMeta, "fetch">, domain: string, apiKey: string, path: string, blocks: Buffer[]): Promise<void> {
  const { handle } = (await postDatabricks(meta, domain, apiKey, "/api/2.0/dbfs/create", { path, overwrite: "true" })) as { handle: number };
  for (const block of blocks) await postDatabricks(meta, domain, apiKey, "/api/2.0/dbfs/add-block", { handle, data: block.toString("base64") });
  await postDatabricks(meta, domain, apiKey, "/api/2.0/dbfs/close", { handle });
}
