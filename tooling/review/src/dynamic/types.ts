import type { ConnectorSource } from "@connectors/harness";
import type { ConnectorContext, Finding } from "../types.ts";

/** Where a dynamic check runs: the repo root and the base commit (for "vs main" ratios). */
export interface DynamicCheckEnv {
  root: string;
  baseSha?: string;
  /** A connector reviewed from outside the repository: its supplied package (run only in the sandbox; it has no tests to run here). */
  source?: ConnectorSource;
}

/**
 * A check that executes the connector (tests, conformance, coverage, benchmarks). Only run where
 * executing PR code is acceptable: locally, or in an unprivileged CI job — never with a write token.
 */
export interface DynamicCheck {
  name: string;
  category: "tests" | "performance";
  run(ctx: ConnectorContext, env: DynamicCheckEnv): Promise<Finding[]>;
}
