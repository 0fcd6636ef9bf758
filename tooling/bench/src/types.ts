/** One measured figure, with the baseline from the same run it is compared to. */
export interface BenchResult {
  suite: string;
  name: string;
  value: number;
  unit: string;
  /** The figure this one is compared with, measured in the same run. */
  baseline?: { name: string; value: number };
  /** value / baseline.value (for throughputs: baseline / value, so >1 means slower). */
  ratio?: number;
  /** Why a figure is missing or what it means. */
  note?: string;
}

/** What a suite needs to know about the run. */
export interface BenchContext {
  root: string;
  quick: boolean;
  log: (line: string) => void;
}

/** A named group of measurements. */
export interface BenchSuite {
  name: string;
  run(context: BenchContext): Promise<BenchResult[]>;
}

/** The whole run, as written to bench/results.json. */
export interface BenchRun {
  machine: MachineFacts;
  quick: boolean;
  startedAt: string;
  results: BenchResult[];
  budgets: BudgetOutcome[];
}

export interface MachineFacts {
  node: string;
  platform: string;
  arch: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
}

export interface Budget {
  target: number;
  failAbove?: number;
  failBelow?: number;
  higherIsBetter?: boolean;
}

export interface BudgetOutcome {
  key: string;
  ratio?: number;
  budget: Budget;
  status: "met" | "missed target" | "failed" | "not measured";
}
