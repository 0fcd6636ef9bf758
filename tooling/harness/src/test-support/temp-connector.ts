import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Writes a throwaway connector directory (for tests): file path -> contents (objects become JSON, folders are created). */
export function tempConnector(files: Record<string, string | object>): string {
  const dir = mkdtempSync(join(tmpdir(), "harness-"));
  for (const [name, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), typeof contents === "string" || Buffer.isBuffer(contents) ? contents : JSON.stringify(contents));
  }
  return dir;
}

/** A minimal ingestion event. */
export function event(overrides: Record<string, unknown> = {}): any {
  return { uuid: "00000000-0000-4000-8000-000000000001", event: "$pageview", distinct_id: "u1", team_id: 2, ip: null, site_url: "", now: "2024-01-01T00:00:00.000Z", timestamp: "2024-01-01T00:00:00.000Z", properties: {}, ...overrides };
}
