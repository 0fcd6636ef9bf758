import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fixtureEvents } from "@connectors/testkit";
import { StudioError } from "../studio-error.ts";
import { writePackageFile } from "./package-files.ts";
import { readConformance } from "./read-conformance.ts";

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The connector's fixture events (fixtures/*.json that hold an event or an array of events). */
export function listFixtureEvents(dir: string): Array<{ name: string; event: Record<string, unknown> }> {
  return fixtureEvents(dir, readConformance(dir));
}

/**
 * Saves a named test event as `fixtures/<name>.json`, where the conformance suite runs it too.
 *
 * @throws StudioError 400 for a bad name or an event without an `event` name; 409 when it exists and `overwrite` is not set
 */
export function saveFixtureEvent(dir: string, name: unknown, event: unknown, overwrite: boolean): string {
  if (typeof name !== "string" || !NAME.test(name)) throw new StudioError(400, 'Name must be lower-case letters, digits and dashes, e.g. "signup-with-email"', { field: "name" });
  if (name === "conformance") throw new StudioError(400, '"conformance" is the name of the fixtures config; pick another name', { field: "name" });
  if (typeof event !== "object" || event === null || Array.isArray(event) || typeof (event as { event?: unknown }).event !== "string") {
    throw new StudioError(400, 'The event must be a JSON object with an "event" name, e.g. {"event": "$pageview", "distinct_id": "user-1", "properties": {}}', { field: "event" });
  }
  const file = join(dir, "fixtures", `${name}.json`);
  if (existsSync(file) && !overwrite) throw new StudioError(409, `fixtures/${name}.json exists; save again to replace it`, { field: "name" });
  mkdirSync(join(dir, "fixtures"), { recursive: true });
  writePackageFile(file, `${JSON.stringify(event, null, 2)}\n`);
  return `fixtures/${name}.json`;
}
