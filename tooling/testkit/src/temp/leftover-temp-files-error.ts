import { ConnectorsError } from "@connectors/plugin-api";

/** A test run left files in its private temp dir after every test file had removed its own. */
export class LeftoverTempFilesError extends ConnectorsError {
  constructor(project: string, leftovers: string[]) {
    const shown = leftovers.slice(0, 20).join(", ") + (leftovers.length > 20 ? `, … (${leftovers.length - 20} more)` : "");
    super(
      "TEST_TEMP_LEFTOVERS",
      `${project}: the test run left ${leftovers.length} entr${leftovers.length === 1 ? "y" : "ies"} in its temp dir after its test files ended: ${shown}. ` +
        "Fix: whatever made them (a global setup, a process a test started and did not wait for) must remove them before the run ends.",
    );
  }
}
