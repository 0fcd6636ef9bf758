import { droppedNotes, type Connector, type QueuedJob } from "@connectors/harness";
import type { CommandIO } from "./command.ts";

/** What a `run` produced. */
export interface RunResult {
  hook: string;
  slug: string;
  result: unknown;
  connector: Connector;
  /** Jobs still queued when the hook finished (teardown drops them). */
  pendingJobs: readonly QueuedJob[];
  ms: number;
}

/** The JSON document `run --json` prints (success or failure share the shape of logs and requests). */
export function runResultJson(outcome: RunResult): Record<string, unknown> {
  const { connector } = outcome;
  return {
    ok: true,
    hook: outcome.hook,
    result: outcome.result === undefined ? null : outcome.result,
    logs: connector.logs,
    requests: connector.requests,
    captured: connector.captured,
    errors: connector.errors,
    dropped: connector.dropped,
    pendingJobs: outcome.pendingJobs.map(({ name, runAt }) => ({ name, runAt: new Date(runAt).toISOString() })),
    metrics: connector.metrics.values,
  };
}

/** Prints a successful run, as JSON or for people. */
export function printRunResult(outcome: RunResult, json: boolean, io: CommandIO): void {
  if (json) {
    io.stdout(`${JSON.stringify(runResultJson(outcome), null, 2)}\n`);
    return;
  }
  const { connector } = outcome;
  io.stdout(`ok ${outcome.slug} ${outcome.hook} (${outcome.ms.toFixed(0)} ms)\n`);
  if (outcome.hook === "processEvent" && outcome.result === null) io.stdout("the event was dropped\n");
  else if (outcome.result !== null && outcome.result !== undefined) io.stdout(`${JSON.stringify(outcome.result, null, 2)}\n`);
  if (connector.requests.length) {
    io.stdout("requests:\n");
    for (const r of connector.requests) io.stdout(`  ${r.method} ${r.url} -> ${r.status ?? r.error ?? r.via}\n`);
  }
  if (connector.captured.length) io.stdout(`captured ${connector.captured.length} event(s): ${connector.captured.map((e) => e.event).join(", ")}\n`);
  for (const e of connector.errors) io.stdout(`background error in ${e.hook}: ${e.message}\n`);
  // Log lines were all streamed as they came; the other records only keep their most recent entries.
  for (const note of droppedNotes(connector.records, ["requests", "captured", "errors"])) io.stdout(`note: ${note}\n`);
  const pending = outcome.pendingJobs;
  if (pending.length) io.stdout(`pending jobs: ${pending.map((j) => `${j.name} at ${new Date(j.runAt).toISOString()}`).join(", ")}\n`);
}
