import {
  ConfigError,
  LEGACY_NOTE,
  SCHEDULED_TASKS,
  configFields,
  isRetryError,
  secretKeys,
  validateConfig,
  type Plugin,
  type PluginEvent,
  type PluginManifest,
  type PluginMeta,
  type PostHogEvent,
  type ProcessedPluginEvent,
  type ScheduledTaskName,
  type Webhook,
} from "@connectors/plugin-api";
import { MemoryCache } from "./backends/memory-cache.ts";
import { MemoryStorage } from "./backends/memory-storage.ts";
import { systemClock, type Clock } from "./clock.ts";
import { DEFAULT_TEAM_ID, DEFAULT_TIMEOUT_MS, type ConnectorOptions } from "./connector-options.ts";
import { HookFailedError, IllegalOperationError, PluginDisabledError } from "./errors.ts";
import { assertEvent, toPostHogEvent, toProcessedEvent } from "./events.ts";
import { createHarnessFetch, type HarnessFetch } from "./fetch/create-harness-fetch.ts";
import { defaultEgressPolicy } from "./fetch/egress-policy.ts";
import type { RecordedRequest } from "./fetch/types.ts";
import type { LoadedConnector } from "./load/load-connector.ts";
import { createHostRequire } from "./load/host-require.ts";
import { LogSink } from "./logs.ts";
import { buildMeta, missingGeoIP } from "./meta/build-meta.ts";
import { JobQueue, type QueuedJob } from "./meta/job-queue.ts";
import { MetricsRegistry } from "./meta/metrics.ts";
import { createPostHogExtension, type CapturedEvent } from "./meta/posthog-extension.ts";
import { createRedactor, redactDeep, type Redactor } from "./redact.ts";
import { redactErrorChain } from "./redact/redact-error-chain.ts";
import { EXPORT_RETRY_JOB, ExportBuffer, readExportSettings, type ExportRetryPayload } from "./run/export-buffer.ts";
import { describeThrown, guardHook, type GuardContext } from "./run/guard.ts";
import { jobHookLabel } from "./run/job-hook-label.ts";
import type { ConnectorTracer, SourceLocation } from "./trace/source-location.ts";
import { Scheduler } from "./run/scheduler.ts";
import { BackgroundBudget, processCpuMs } from "./run/background-budget.ts";
import { SdkScope } from "./sdk/sdk-scope.ts";
import { resolveBufferLimits, type BufferLimits } from "./records/buffer-limits.ts";
import { createConnectorRecords, droppedCounts, droppedNote, type ConnectorRecords, type DroppedCounts } from "./records/connector-records.ts";
import { getSandboxHandle } from "./sandbox/load-sandboxed.ts";
import { assertSynchronousWebhook } from "./run/synchronous-webhook.ts";

/** A failure the harness handled in the background (jobs, schedules, exports), kept for reports. */
export interface BackgroundError {
  hook: string;
  message: string;
  /** uuids of the events the failure concerns (export batches). */
  eventUuids?: string[];
  /** Where in the connector's source it was thrown (bundle and sandbox modes). */
  location?: SourceLocation;
}

/** What the connector's methods, scheduled tasks and jobs are (PostHog's `capabilities`). */
export interface Capabilities {
  methods: string[];
  scheduled_tasks: string[];
  jobs: string[];
}

type State = "created" | "ready" | "disabled" | "closed";

function isThenable<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/**
 * One running instance of a connector (PostHog: one plugin config in one VM). Hooks are called with
 * production semantics; logs, requests, captured events, metrics and background errors are kept for
 * inspection. Create it with {@link createConnector}.
 */
export class Connector {
  readonly slug: string;
  readonly manifest: PluginManifest;
  readonly config: Record<string, unknown>;
  readonly meta: PluginMeta;
  readonly plugin: Plugin;
  readonly unknownExports: string[];
  readonly clock: Clock;
  readonly jobs: JobQueue;
  readonly metrics: MetricsRegistry;
  /** The bounded records behind `logs`, `requests`, `captured` and `errors` (counts, marks for `since`). */
  readonly records: ConnectorRecords;
  /** The caps in force for this instance (records, in-memory stores, background CPU). */
  readonly bufferLimits: BufferLimits;
  readonly redact: Redactor;
  readonly #logs: LogSink;
  /** CPU budget of work that outlives a hook (jobs here, createBuffer flushes in the sandbox). */
  readonly background: BackgroundBudget;
  readonly #options: ConnectorOptions;
  readonly #exportBuffer: ExportBuffer | undefined;
  readonly #scheduler: Scheduler;
  readonly #runningTasks = new Map<string, Promise<void>>();
  readonly #guards = new Map<string, GuardContext>();
  readonly #trace: ConnectorTracer | undefined;
  readonly #sdk: SdkScope;
  readonly #fetch: HarnessFetch;
  readonly #contribBuffers: Array<{ flush(): Promise<void> }> = [];
  #state: State = "created";
  #setup: Promise<void> | undefined;
  #disabledReason = "";

  /** @internal use {@link createConnector} */
  constructor(loaded: LoadedConnector, options: ConnectorOptions) {
    const { source } = loaded;
    this.slug = source.slug;
    this.#trace = loaded.trace;
    this.manifest = source.manifest;
    this.#options = options;
    this.clock = options.clock ?? systemClock;
    this.config = checkConfig(this.slug, this.manifest, options);
    // The personal API key is a credential; the project API key is public by design (PostHog embeds it in
    // every web page that captures events), so records keep it readable, as connector tests expect.
    const apiKeys = [options.posthogApi?.personalApiKey].filter((key) => key !== undefined);
    this.redact = createRedactor([...secretKeys(this.manifest).map((key) => this.config[key]), ...secretDefaults(this.manifest), ...apiKeys]);
    this.bufferLimits = resolveBufferLimits(options.bufferLimits);
    this.records = createConnectorRecords(this.bufferLimits);
    this.#logs = new LogSink(this.clock, this.redact, this.records.logs, () => droppedNote("logs", this.records.logs));
    if (options.onLog) this.#logs.subscribe(options.onLog);
    const { backgroundCpuMs: cpuMs, backgroundWindowMs: windowMs } = this.bufferLimits;
    this.background = new BackgroundBudget({ plugin: this.slug, cpuMs, windowMs, clock: this.clock, onRefused: (error) => this.#recordBackground(error.work, error) });
    const teamId = options.teamId ?? DEFAULT_TEAM_ID;
    const egress = { ...defaultEgressPolicy(this.manifest, this.config, options.allowLoopback), ...(options.egress ? { mode: options.egress } : {}) };
    const fetch = createHarnessFetch({
      plugin: this.slug,
      policy: egress,
      redact: this.redact,
      record: this.records.requests,
      ...(options.fetch ? { interceptor: options.fetch } : {}),
      network: options.network ?? false,
      loopbackNetwork: options.loopbackNetwork ?? false,
      ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    });
    this.#fetch = fetch;
    const redactValue = <T>(value: T): T => redactDeep(value, this.redact);
    const posthog = createPostHogExtension({ plugin: this.slug, teamId, clock: this.clock, fetch, api: options.posthogApi ?? {}, captured: this.records.captured, redact: redactValue });
    const logger = this.#logs.createLogger();
    this.#sdk = new SdkScope(fetch);
    const instance = loaded.instantiate({
      require: createHostRequire({ fetch, clock: this.clock, sdk: this.#sdk, onBuffer: (buffer) => this.#contribBuffers.push(buffer) }),
      fetch,
      posthog,
      console: logger,
      egress,
      ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      background: this.background,
    });
    this.plugin = instance.plugin;
    this.unknownExports = instance.unknownExports;
    this.metrics = new MetricsRegistry(this.slug, this.plugin.metrics as Record<string, unknown> | undefined);
    this.jobs = new JobQueue(this.clock, (job) => this.#runQueuedJob(job), { history: this.records.jobs, limits: this.bufferLimits });
    this.meta = buildMeta({
      pluginId: options.pluginId ?? this.slug,
      teamId,
      pluginConfigId: options.pluginConfigId ?? 1,
      config: this.config,
      attachments: options.attachments ?? {},
      cache: options.cache ?? new MemoryCache(this.clock, this.bufferLimits),
      storage: options.storage ?? new MemoryStorage(this.bufferLimits),
      geoip: options.geoip === null ? (undefined as never) : (options.geoip ?? missingGeoIP((message) => this.#logs.write("warn", message, "system"))),
      jobs: this.jobs,
      metrics: this.metrics,
      fetch,
      logs: this.#logs,
      posthog,
    });
    if (options.geoip === null) delete (this.meta as Partial<PluginMeta>).geoip;
    this.#exportBuffer = this.plugin.exportEvents ? this.#createExportBuffer() : undefined;
    this.#scheduler = new Scheduler(this.clock, (task) => this.#runScheduled(task));
    for (const issue of source.warnings.filter((w) => w.message.includes(LEGACY_NOTE))) this.#logs.write("warn", `plugin.json ${issue.path}: ${issue.message}`, "system");
    if (this.unknownExports.length) this.#logs.write("warn", `ignoring exports the contract does not know: ${this.unknownExports.join(", ")}`, "system");
  }

  /** Log lines so far, oldest first, secrets redacted. */
  get logs() {
    return this.#logs.entries;
  }

  /** Requests so far (the most recent ones kept; see `dropped`), oldest first, secrets redacted. */
  get requests(): RecordedRequest[] {
    return this.records.requests.toArray();
  }

  /** Events captured with `posthog.capture` (the most recent ones kept; see `dropped`), oldest first. */
  get captured(): CapturedEvent[] {
    return this.records.captured.toArray();
  }

  /** Failures of background work (the most recent ones kept; see `dropped`), oldest first. */
  get errors(): BackgroundError[] {
    return this.records.errors.toArray();
  }

  /** How many entries of each record were dropped, oldest first, to stay under `bufferLimits`. */
  get dropped(): DroppedCounts {
    return droppedCounts(this.records);
  }

  /** Log lines that contained a secret config value (the harness redacted them). */
  get secretsLogged(): number {
    return this.#logs.secretsLogged;
  }

  /** Jobs still queued, soonest first, with secrets redacted from names and payloads (for reports; `jobs.pending` has the real ones). */
  get pendingJobs(): QueuedJob[] {
    return this.jobs.pending.map((job) => ({ ...job, name: this.redact(job.name), payload: redactDeep(job.payload, this.redact) }));
  }

  get state(): State {
    return this.#state;
  }

  /** PostHog's capabilities record: exported methods, scheduled tasks and jobs (incl. the harness's). */
  capabilities(): Capabilities {
    const methods = Object.keys(this.plugin).filter((k) => typeof (this.plugin as Record<string, unknown>)[k] === "function" && !k.startsWith("runEvery"));
    const scheduled = SCHEDULED_TASKS.filter((task) => this.plugin[task]);
    const jobs = [...Object.keys(this.plugin.jobs ?? {}), ...(this.plugin.exportEvents ? [EXPORT_RETRY_JOB] : [])];
    return { methods: methods.sort(), scheduled_tasks: [...scheduled], jobs: jobs.sort() };
  }

  /** Runs setupPlugin once (later calls wait for the same run). A failure disables the connector. */
  setup(): Promise<void> {
    this.#setup ??= this.#runSetup();
    return this.#setup;
  }

  /** processEvent: the changed event, or null when the connector drops it. `team_id` may not change. */
  async processEvent(event: PluginEvent): Promise<PluginEvent | null> {
    assertEvent(event, "processEvent");
    const hook = this.plugin.processEvent;
    if (!hook) return event;
    const teamId = event.team_id;
    const pending = this.#invoke("processEvent", () => hook(event, this.meta));
    const result = isThenable(pending) ? await pending : pending;
    if (this.jobs.size) await this.#afterHook();
    if (!result) return null;
    if (typeof result !== "object") throw new HookFailedError(this.slug, "processEvent", `returned ${typeof result}; return the event object, or null to drop it`);
    if (result.team_id !== teamId) {
      result.team_id = teamId;
      throw new IllegalOperationError(`Connector "${this.slug}" processEvent changed team_id (${teamId} -> ${String((result as { team_id?: unknown }).team_id)}); events cannot move between projects`);
    }
    return result;
  }

  /** onEvent (single attempt). With exportEvents, the event also goes to the export buffer. */
  async onEvent(event: PluginEvent | ProcessedPluginEvent): Promise<void> {
    assertEvent(event, "onEvent");
    const processed = toProcessedEvent(event, this.clock.now());
    if (this.#exportBuffer) {
      await this.setup();
      await this.#exportBuffer.add(processed);
    }
    const hook = this.plugin.onEvent;
    if (hook) await this.#call("onEvent", () => hook(processed, this.meta));
    await this.#afterHook();
  }

  /** Calls exportEvents once with a batch, directly (no buffer, no retries). */
  async exportEvents(events: Array<PluginEvent | ProcessedPluginEvent>): Promise<void> {
    const hook = this.plugin.exportEvents;
    if (!hook) throw new HookFailedError(this.slug, "exportEvents", "the connector does not export exportEvents");
    const batch = events.map((event) => (assertEvent(event, "exportEvents"), toProcessedEvent(event, this.clock.now())));
    await this.#call("exportEvents", () => hook(batch, this.meta));
    await this.#afterHook();
  }

  /** Exports whatever the export buffer holds now (also done by teardown). */
  async flushExports(): Promise<void> {
    await this.#exportBuffer?.flush();
    await this.#afterHook();
  }

  /** composeWebhook (synchronous): the request to send, or null. With `deliver`, the harness sends it. */
  async composeWebhook(event: PluginEvent | ProcessedPluginEvent | PostHogEvent, options: { deliver?: boolean } = {}): Promise<{ webhook: Webhook | null; status?: number }> {
    assertEvent(event, "composeWebhook");
    const hook = this.plugin.composeWebhook;
    if (!hook) throw new HookFailedError(this.slug, "composeWebhook", "the connector does not export composeWebhook");
    const input = toPostHogEvent(event, this.clock.now());
    const webhook = await this.#call("composeWebhook", () => {
      const out = hook(input, this.meta);
      // A sandbox in another process answers through a promise; that process checks the hook returned synchronously.
      if (!getSandboxHandle(this.plugin)?.remote) assertSynchronousWebhook(out);
      return out;
    });
    if (!webhook || !options.deliver) return { webhook: webhook ?? null };
    const response = await this.meta.fetch(webhook.url, { method: webhook.method ?? "POST", body: webhook.body, headers: webhook.headers ?? { "Content-Type": "application/json" } });
    return { webhook, status: response.status };
  }

  /** Runs a scheduled task now (`runEveryMinute`, ...). A run already in progress is not repeated. */
  async runTask(task: ScheduledTaskName): Promise<void> {
    const hook = this.plugin[task];
    if (!hook) throw new HookFailedError(this.slug, task, `the connector does not export ${task}`);
    const running = this.#runningTasks.get(task);
    if (running) return running;
    const run = this.#call(task, () => hook(this.meta)).finally(() => this.#runningTasks.delete(task));
    this.#runningTasks.set(task, run);
    await run;
    await this.#afterHook();
  }

  /** Runs one of the connector's jobs now with a payload (as `meta.jobs.<name>(payload).runNow()` would). */
  async runJob(name: string, payload?: unknown): Promise<void> {
    this.jobs.enqueue(name, payload, this.clock.now());
    await this.runDueJobs();
  }

  /** Runs every due job (including ones they enqueue). Failures are kept in `errors`. */
  runDueJobs(): Promise<void> {
    return this.jobs.runDue();
  }

  /** Starts the cron schedule of runEvery* tasks on the harness clock. */
  startSchedule(): void {
    this.#scheduler.start(SCHEDULED_TASKS.filter((task) => this.plugin[task]));
  }

  /** Flushes exports, runs teardownPlugin (if setup ran), stops timers. Errors are logged, not thrown. */
  async teardown(): Promise<void> {
    if (this.#state === "closed") return;
    this.#scheduler.stop();
    try {
      if (this.#state === "ready") await this.#flushContribBuffers();
      await this.#exportBuffer?.flush();
      await this.jobs.runDue();
      const hook = this.plugin.teardownPlugin;
      if (hook && this.#state === "ready") await this.#call("teardownPlugin", () => hook(this.meta), { skipSetup: true });
    } catch (error) {
      this.#logs.write("error", `Plugin failed to unload: ${error instanceof Error ? error.message : String(error)}`, "system");
    }
    this.jobs.clear();
    this.#state = "closed";
    await this.#fetch.close();
  }

  /**
   * Sends what the connector's `@posthog/plugin-contrib` buffers still hold (in-process and in the
   * sandbox), so a buffering connector never ends having sent nothing. Failures are background errors.
   */
  async #flushContribBuffers(): Promise<void> {
    try {
      // In the sandbox the buffers live in the isolate (the host ones are only their timers).
      const sandbox = getSandboxHandle(this.plugin);
      if (sandbox) await sandbox.flushBuffers(this.meta);
      else for (const buffer of this.#contribBuffers) await this.#sdk.enter(() => buffer.flush());
    } catch (error) {
      this.#recordBackground("createBuffer flush", error);
    }
  }

  async #runSetup(): Promise<void> {
    const hook = this.plugin.setupPlugin;
    const retries = this.#options.setupRetries ?? 0;
    for (let attempt = 0; ; attempt++) {
      try {
        if (hook) await guardHook(this.#guard("setupPlugin"), () => hook(this.meta));
        this.#state = "ready";
        return;
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        if (isRetryError(cause) && attempt < retries) {
          const delay = 5000 * 2 ** attempt;
          this.#logs.write("warn", `setupPlugin asked to be retried (attempt ${attempt + 1}/${retries}); retrying in ${delay / 1000} s`, "system");
          await new Promise<void>((resolve) => this.clock.setTimeout(resolve, delay));
          continue;
        }
        this.#state = "disabled";
        this.#disabledReason = `setupPlugin failed: ${error instanceof Error ? error.message : String(error)}`;
        this.#logs.write("error", this.#disabledReason, "system");
        throw error;
      }
    }
  }

  #guard(hook: string): GuardContext {
    let context = this.#guards.get(hook);
    if (!context) {
      context = { plugin: this.slug, hook, timeoutMs: this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS, redact: this.redact, trace: this.#trace, scope: this.#sdk };
      this.#guards.set(hook, context);
    }
    return context;
  }

  /** Calls a hook; synchronously when the connector is ready and the hook is synchronous. */
  #invoke<T>(hook: string, call: () => T | Promise<T>): T | Promise<T> {
    return this.#state === "ready" ? guardHook(this.#guard(hook), call) : this.#call(hook, call);
  }

  async #call<T>(hook: string, call: () => T | Promise<T>, options: { skipSetup?: boolean } = {}): Promise<T> {
    if (this.#state === "closed") throw new PluginDisabledError(this.slug, "it was torn down");
    if (!options.skipSetup) {
      if (this.#state === "disabled") throw new PluginDisabledError(this.slug, this.#disabledReason);
      await this.setup();
    }
    return guardHook(this.#guard(hook), call);
  }

  async #afterHook(): Promise<void> {
    if (this.#options.autoRunJobs !== false && this.jobs.size) await this.jobs.runDue();
  }

  #recordBackground(hook: string, error: unknown, eventUuids?: string[]): void {
    redactErrorChain(error, this.redact);
    const message = error instanceof Error ? this.redact(error.message) : describeThrown(error, this.redact);
    const location = (error as { location?: SourceLocation } | null)?.location;
    this.records.errors.push({ hook: this.redact(hook), message, ...(eventUuids ? { eventUuids } : {}), ...(location ? { location } : {}) });
    this.#logs.write("error", eventUuids ? `${message} (event uuids: ${eventUuids.join(", ")})` : message, "system");
  }

  async #runQueuedJob(job: QueuedJob): Promise<void> {
    try {
      if (job.name === EXPORT_RETRY_JOB && this.#exportBuffer) return await this.#exportBuffer.exportWithRetry(job.payload as ExportRetryPayload);
      const jobs = this.plugin.jobs;
      // Own jobs only: a name like "constructor" or "toString" must not reach Object.prototype.
      const hook = jobs && Object.hasOwn(jobs, job.name) ? jobs[job.name] : undefined;
      const label = jobHookLabel(job.name);
      if (!hook) throw new HookFailedError(this.slug, label, `job "${job.name}" not found; the connector's jobs are: ${Object.keys(this.plugin.jobs ?? {}).join(", ") || "none"}`);
      // The sandbox charges a job's isolate CPU itself, entry by entry; in-process, the process CPU is what there is.
      const meter = getSandboxHandle(this.plugin) ? () => 0 : processCpuMs;
      await this.background.run(label, meter, () => this.#call(label, () => hook(job.payload, this.meta)));
    } catch (error) {
      this.#recordBackground(jobHookLabel(job.name), error);
    }
  }

  async #runScheduled(task: ScheduledTaskName): Promise<void> {
    try {
      await this.runTask(task);
    } catch (error) {
      this.#recordBackground(task, error);
    }
  }

  #createExportBuffer(): ExportBuffer {
    const hook = this.plugin.exportEvents!;
    return new ExportBuffer({
      clock: this.clock,
      jobs: this.jobs,
      metrics: this.metrics,
      settings: readExportSettings(this.config),
      exportEvents: (batch) => this.#call("exportEvents", () => hook(batch, this.meta)),
      reportLoss: (message, batch) => this.#recordBackground("exportEvents", new Error(message), batch.map((e) => e.uuid)),
      afterFlush: () => this.#afterHook(),
    });
  }
}

/** Defaults of secret fields (a third-party plugin.json may carry one): redacted like the values. */
function secretDefaults(manifest: PluginManifest): unknown[] {
  return configFields(manifest).filter((field) => field.secret && field.default !== undefined && field.default !== "").map((field) => field.default);
}

function checkConfig(slug: string, manifest: PluginManifest, options: ConnectorOptions): Record<string, unknown> {
  const result = validateConfig(manifest, options.config ?? {}, { attachments: Object.keys(options.attachments ?? {}) });
  if (!result.ok) throw new ConfigError(slug, result.issues);
  return result.value;
}
