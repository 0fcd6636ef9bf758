import type { WorkflowFile } from "./load-workflow-file.ts";

/** A step with where it sits in the file, so rules can report a JSON pointer and a line. */
export interface LocatedStep {
  /** YAML path of the step, e.g. `["jobs", "test", "steps", 2]`. */
  path: (string | number)[];
  /** Job id, or undefined for a composite action's step. */
  jobId: string | undefined;
  step: Record<string, unknown>;
}

/** A job with its YAML path. */
export interface LocatedJob {
  path: (string | number)[];
  jobId: string;
  job: Record<string, unknown>;
}

/**
 * The event names that trigger a workflow (`on:` as a string, list or mapping). Empty for actions.
 *
 * @example
 * listTriggers(parseWorkflowFile("ci.yml", "on: [push, pull_request]\njobs: {}")) // ["push", "pull_request"]
 */
export function listTriggers(file: WorkflowFile): string[] {
  if (file.kind !== "workflow") return [];
  const on = file.data["on"];
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.filter((event): event is string => typeof event === "string");
  if (isRecord(on)) return Object.keys(on);
  return [];
}

/** True when any of `events` triggers the workflow. */
export function hasTrigger(file: WorkflowFile, ...events: string[]): boolean {
  const triggers = listTriggers(file);
  return events.some((event) => triggers.includes(event));
}

/** Every job of a workflow (none for actions). */
export function listJobs(file: WorkflowFile): LocatedJob[] {
  const jobs = file.data["jobs"];
  if (!isRecord(jobs)) return [];
  return Object.entries(jobs)
    .filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]))
    .map(([jobId, job]) => ({ path: ["jobs", jobId], jobId, job }));
}

/** Every step: all jobs' steps for a workflow, `runs.steps` for a composite action. */
export function listSteps(file: WorkflowFile): LocatedStep[] {
  if (file.kind === "action") {
    const runs = file.data["runs"];
    const steps = isRecord(runs) ? runs["steps"] : undefined;
    return locateSteps(steps, ["runs", "steps"], undefined);
  }
  return listJobs(file).flatMap(({ path, jobId, job }) => locateSteps(job["steps"], [...path, "steps"], jobId));
}

/** Renders a YAML path as a JSON pointer: `["jobs", "a", 0]` → `/jobs/a/0`. */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((part) => `/${String(part).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("") || "/";
}

/** True for a plain object (a YAML mapping). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function locateSteps(steps: unknown, base: (string | number)[], jobId: string | undefined): LocatedStep[] {
  if (!Array.isArray(steps)) return [];
  return steps.flatMap((step, index) => (isRecord(step) ? [{ path: [...base, index], jobId, step }] : []));
}
