import type { PluginEvent, PostHogEvent, ProcessedPluginEvent, Webhook } from "./event.ts";
import type { MetricType, PluginMeta } from "./meta.ts";

type MaybePromise<T> = T | Promise<T>;

export type SetupPluginHook<M = PluginMeta> = (meta: M) => MaybePromise<void>;
export type TeardownPluginHook<M = PluginMeta> = (meta: M) => MaybePromise<void>;
/** Return the (possibly changed) event, or a falsy value to drop it. `team_id` must not change. */
export type ProcessEventHook<M = PluginMeta> = (
  event: PluginEvent,
  meta: M,
) => MaybePromise<PluginEvent | null | undefined | void>;
/** Deprecated by PostHog; the harness adapts it to single events when `processEvent` is absent. */
export type ProcessEventBatchHook<M = PluginMeta> = (
  events: PluginEvent[],
  meta: M,
) => MaybePromise<Array<PluginEvent | null | undefined> | null | undefined>;
/** Called once per ingested event, single attempt. */
export type OnEventHook<M = PluginMeta> = (event: ProcessedPluginEvent, meta: M) => MaybePromise<void>;
/** Called with buffered batches; throw `RetryError` for a transient failure. */
export type ExportEventsHook<M = PluginMeta> = (events: ProcessedPluginEvent[], meta: M) => MaybePromise<void>;
/** Synchronous: return the request the host should send for this event, or null to skip it. */
export type ComposeWebhookHook<M = PluginMeta> = (event: PostHogEvent, meta: M) => Webhook | null;
export type ScheduledTaskHook<M = PluginMeta> = (meta: M) => MaybePromise<void>;
export type JobHook<M = PluginMeta> = (payload: any, meta: M) => MaybePromise<void>;

/** Every export a connector module may have. All are optional. */
export interface Plugin<M = PluginMeta> {
  setupPlugin?: SetupPluginHook<M>;
  teardownPlugin?: TeardownPluginHook<M>;
  processEvent?: ProcessEventHook<M>;
  processEventBatch?: ProcessEventBatchHook<M>;
  onEvent?: OnEventHook<M>;
  exportEvents?: ExportEventsHook<M>;
  composeWebhook?: ComposeWebhookHook<M>;
  runEveryMinute?: ScheduledTaskHook<M>;
  runEveryHour?: ScheduledTaskHook<M>;
  runEveryDay?: ScheduledTaskHook<M>;
  jobs?: Record<string, JobHook<M>>;
  metrics?: Record<string, MetricType>;
  getSettings?: (meta: M) => { handlesLargeBatches?: boolean };
}

/** Names of the hooks a connector may export, in the order the harness documents them. */
export const HOOK_NAMES = [
  "setupPlugin",
  "teardownPlugin",
  "processEvent",
  "processEventBatch",
  "onEvent",
  "exportEvents",
  "composeWebhook",
  "runEveryMinute",
  "runEveryHour",
  "runEveryDay",
  "getSettings",
] as const;

export type HookName = (typeof HOOK_NAMES)[number];

/** Scheduled task names the harness runs on a cron. */
export const SCHEDULED_TASKS = ["runEveryMinute", "runEveryHour", "runEveryDay"] as const;
export type ScheduledTaskName = (typeof SCHEDULED_TASKS)[number];

/** Every export name the loader accepts: hooks plus the `jobs` and `metrics` declarations. */
export const KNOWN_EXPORTS: readonly string[] = [...HOOK_NAMES, "jobs", "metrics"];
