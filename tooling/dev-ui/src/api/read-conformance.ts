import { readConformanceFile, type ConformanceFile } from "@connectors/testkit";
import { StudioError } from "../studio-error.ts";

/** fixtures/conformance.json of a package ({} when absent). @throws StudioError 422 when it is not JSON */
export function readConformance(dir: string): ConformanceFile {
  try {
    return readConformanceFile(dir);
  } catch (error) {
    throw new StudioError(422, `fixtures/conformance.json is not valid JSON (${(error as Error).message}); fix it in the editor first`, { field: "fixtures/conformance.json", cause: error });
  }
}
