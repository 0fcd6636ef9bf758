import { createHash } from "node:crypto";
import { SCHEDULED_TASKS, type PluginAttachment, type PluginManifest, type ScheduledTaskName } from "@connectors/plugin-api";
import {
  FetchInterceptor,
  MemoryCache,
  MemoryStorage,
  droppedNotes,
  VirtualClock,
  cacheNamespace,
  createConnector,
  loadConnector,
  readPackageSnapshot,
  redactRequest,
  storageNamespace,
  type Connector,
  type InterceptedRequest,
  type LogEntry,
  type MockResponse,
} from "@connectors/harness";
import type { EventHub } from "../http/event-hub.ts";
import { StudioError } from "../studio-error.ts";
import { FixtureSecrets, suggestUrlPattern } from "./fixture-secrets.ts";
import { describeStartFailure, type StartFailure } from "./load-problems.ts";
import { createPageRedactor } from "./page-redactor.ts";
import { readConformance } from "./read-conformance.ts";
import type { AnsweredRequest } from "./save-response-fixtures.ts";
import { SavedResponses } from "./saved-responses.ts";
import { StackMapper, type ConnectorFrame, type SourceLocation } from "./stack-mapper.ts";
import type { ShownRequest, StepRequests } from "./step-requests.ts";

/** How outgoing requests are answered: `step` pauses every one for the user; `real` lets them out to the allowed hosts. */
export interface HttpMode {
  step: boolean;
  real: boolean;
}

/** One run asked for by the page. */
export interface RunInput {
  /** A hook (`processEvent`, `onEvent`, `composeWebhook`, `runEveryHour`, ...), `job:<name>`, `setupPlugin`, or `advance` (move the virtual clock). */
  hook: string;
  config: Record<string, unknown>;
  attachments?: Record<string, PluginAttachment>;
  /** Events for event hooks, run one after another. */
  events?: unknown[];
  /** A job's payload. */
  payload?: unknown;
  /** How far to move the virtual clock (hook `advance`). */
  advanceMs?: number;
  sandbox: boolean;
  http: HttpMode;
}

/** A log line kept across runs. */
export interface StudioLog extends LogEntry {
  run: number;
}

/** Where a failure is in the connector's files. */
export interface RunFailure {
  name: string;
  message: string;
  location?: SourceLocation;
  frames?: ConnectorFrame[];
}

interface Instance {
  key: string;
  connector: Connector;
  /** Masks secrets in what the page is sent (outputs, state). */
  redact: <T>(value: T) => T;
  mapper: StackMapper;
  mode: "bundle" | "sandbox";
}

const HOOK_TIMEOUT_MS = 10 * 60_000;
const SANDBOX_CPU_MS = 30_000;
const MAX_LOGS = 5000;
const MAX_ANSWERED = 200;
const EVENT_HOOKS = new Set(["processEvent", "onEvent", "composeWebhook"]);

function fingerprint(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

function startOfMinute(): number {
  return Math.floor(Date.now() / 60_000) * 60_000;
}

/** JSON-safe copy of a value for display (functions and cycles shown as text), or undefined. */
function displayable(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value ?? {}));
  } catch (error) {
    return `(cannot be shown: ${(error as Error).message})`;
  }
}

/** A stored value as the connector sees it (storage keeps JSON text). */
function parseStored(value: string | undefined): unknown {
  try {
    return value === undefined ? undefined : JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * One connector as the studio keeps it between runs: its storage, cache and virtual clock persist
 * until reset, and so does the running instance (its `global` and setupPlugin) while the code,
 * config and mode stay the same. Requests no saved response answers pause for the user
 * (step mode pauses all of them); log lines are kept across runs.
 */
export class StudioSession {
  readonly id: string;
  readonly dir: string;
  readonly trusted: boolean;
  readonly logs: StudioLog[] = [];
  readonly answered: AnsweredRequest[] = [];
  #clock = new VirtualClock(startOfMinute());
  #cache = new MemoryCache(this.#clock);
  #storage = new MemoryStorage();
  #instance: Instance | undefined;
  #runs = 0;
  #busy = false;
  #http: HttpMode = { step: false, real: false };
  #lastConfig: Record<string, unknown> = {};
  #manifest: PluginManifest | undefined;
  readonly #hub: EventHub;
  readonly #stepper: StepRequests;

  constructor(options: { id: string; dir: string; trusted: boolean; hub: EventHub; stepper: StepRequests }) {
    this.id = options.id;
    this.dir = options.dir;
    this.trusted = options.trusted;
    this.#hub = options.hub;
    this.#stepper = options.stepper;
  }

  /** Runs a hook (or moves the clock) and reports everything the page shows. @throws StudioError 409 while another run is going on */
  async run(input: RunInput) {
    if (this.#busy) throw new StudioError(409, "a run of this connector is still going on: answer its paused requests or press Stop", { field: "run" });
    this.#busy = true;
    const run = ++this.#runs;
    const started = performance.now();
    this.#http = input.http;
    this.#lastConfig = input.config;
    this.#hub.publish("run", { session: this.id, run, state: "started", hook: input.hook });
    try {
      const instance = await this.#instanceFor(input).catch((error: unknown) => ({ failure: describeStartFailure(this.dir, this.#manifest, error) }));
      if ("failure" in instance) return { ok: false as const, run, hook: input.hook, error: instance.failure as StartFailure, logs: this.#logsOf(run), ms: performance.now() - started, ...(await this.#state()) };
      const { connector } = instance;
      const { records } = connector;
      const marks = { requests: records.requests.pushed, captured: records.captured.pushed, errors: records.errors.pushed };
      const results = await this.#invokeAll(instance, input);
      const failed = results.find((r) => r.error)?.error;
      return instance.redact({
        ok: !failed,
        run,
        hook: input.hook,
        mode: instance.mode,
        results,
        ...(failed ? { error: failed } : {}),
        requests: records.requests.since(marks.requests),
        captured: records.captured.since(marks.captured),
        droppedNotes: droppedNotes(records),
        backgroundErrors: records.errors.since(marks.errors).map((e) => ({ ...e, message: instance.mapper.mapText(e.message) })),
        capabilities: connector.capabilities(),
        logs: this.#logsOf(run),
        ms: performance.now() - started,
        ...(await this.#state()),
      });
    } finally {
      this.#busy = false;
      this.#hub.publish("run", { session: this.id, run, state: "finished" });
    }
  }

  /** Storage, cache, global, pending jobs and the virtual time, as they are now. */
  async #state() {
    const cachePrefix = cacheNamespace(this.#instance?.connector.slug ?? "", 2);
    const storagePrefix = storageNamespace(1);
    const cacheKeys = await this.#cache.keys("");
    const storageKeys = await this.#storage.keys(storagePrefix);
    const connector = this.#instance?.connector;
    const redact = this.#instance?.redact ?? (<T>(value: T) => value);
    return {
      state: redact({
        clock: new Date(this.#clock.now()).toISOString(),
        storage: Object.fromEntries(await Promise.all(storageKeys.map(async (k) => [k.slice(storagePrefix.length), parseStored(await this.#storage.get(k))]))),
        cache: Object.fromEntries(await Promise.all(cacheKeys.map(async (k) => [k.startsWith(cachePrefix) ? k.slice(cachePrefix.length) : k, await this.#cache.get(k).catch(() => "(a list)")]))),
        ...(connector && this.#instance?.mode === "bundle" ? { global: displayable(connector.meta.global) } : {}),
        pendingJobs: (connector?.pendingJobs ?? []).map((j) => ({ name: j.name, runAt: new Date(j.runAt).toISOString(), payload: j.payload })),
        scheduled: connector ? connector.capabilities().scheduled_tasks : [],
      }),
    };
  }

  /** What the page shows before any run: state, kept logs, waiting requests, answered requests. */
  async snapshot() {
    return { ...(await this.#state()), logs: this.logs, waiting: this.#stepper.waiting(this.id), answered: this.answeredForPage(), busy: this.#busy, runs: this.#runs };
  }

  /** Answered requests as the page lists them: secrets replaced by fixture placeholders, with a suggested URL pattern. */
  answeredForPage() {
    const secrets = this.#fixtureSecrets();
    const redact = this.#instance?.connector.redact ?? ((text: string) => text);
    return this.answered.map((a) => {
      const url = redact(secrets.replace(a.url));
      return { id: a.id, method: a.method, url, pattern: suggestUrlPattern(url), status: a.response.status ?? (a.response.error ? undefined : 200), error: a.response.error };
    });
  }

  #fixtureSecrets(): FixtureSecrets {
    let fixtureConfig: Record<string, unknown> | undefined;
    try {
      fixtureConfig = readConformance(this.dir).config;
    } catch {
      fixtureConfig = undefined;
    }
    return new FixtureSecrets(this.#manifest ?? { name: this.id }, this.#lastConfig, fixtureConfig);
  }

  /** The config of the latest run and the manifest it ran with (for saving fixtures). */
  get lastRun(): { config: Record<string, unknown>; manifest: PluginManifest | undefined } {
    return { config: this.#lastConfig, manifest: this.#manifest };
  }

  /** Fails the requests waiting for an answer, so the hook can finish. */
  stop(): number {
    return this.#stepper.cancel(this.id, "stopped in the studio");
  }

  /** Drops storage, cache, global, pending jobs, answered requests and the clock; log history stays. */
  async reset(): Promise<void> {
    this.stop();
    await this.#drop();
    this.#clock = new VirtualClock(startOfMinute());
    this.#cache = new MemoryCache(this.#clock);
    this.#storage = new MemoryStorage();
    this.answered.length = 0;
    this.#pushLog({ level: "info", message: "state reset: storage, cache, global, jobs and the clock start over", timestamp: new Date(this.#clock.now()).toISOString(), source: "system" }, this.#runs);
  }

  /** Ends the instance (teardownPlugin runs). */
  async close(): Promise<void> {
    this.stop();
    await this.#drop();
  }

  async #drop(): Promise<void> {
    const instance = this.#instance;
    this.#instance = undefined;
    await instance?.connector.teardown().catch(() => undefined);
  }

  async #instanceFor(input: RunInput): Promise<Instance> {
    const snapshot = await readPackageSnapshot(this.dir);
    this.#manifest = snapshot.manifest;
    const mode = this.trusted && !input.sandbox ? "bundle" : "sandbox";
    const attachments = Object.entries(input.attachments ?? {}).map(([key, a]) => [key, a.file_name, fingerprint(Buffer.from(a.contents).toString("base64"))]);
    const key = fingerprint({ config: input.config, attachments, code: snapshot.hash, mode, real: input.http.real });
    if (this.#instance?.key === key) return this.#instance;
    await this.#drop();
    const loaded = await loadConnector(this.dir, { mode, sandbox: { cpuTimeoutMs: SANDBOX_CPU_MS } });
    const mapper = new StackMapper({ ...(loaded.trace ? { trace: loaded.trace } : {}), bundleFile: loaded.source.entryFile, displayRoot: loaded.source.snapshot.displayRoot, packageFiles: loaded.source.snapshot.files.keys() });
    const interceptor = new FetchInterceptor().on("*", () => !this.#http.real || this.#http.step, (request) => this.#respond(request));
    const connector = await createConnector(loaded, {
      config: input.config,
      attachments: input.attachments ?? {},
      cache: this.#cache,
      storage: this.#storage,
      clock: this.#clock,
      fetch: interceptor,
      network: input.http.real,
      // Real requests go only to the hosts plugin.json declares (and config fields marked as URLs).
      ...(input.http.real ? { egress: "declared" as const } : {}),
      timeoutMs: HOOK_TIMEOUT_MS,
      onLog: (entry) => this.#pushLog({ ...entry, message: mapper.mapText(entry.message) }, this.#runs),
      onRequest: (entry, phase) => this.#hub.publish("request", { session: this.id, run: this.#runs, phase, request: entry }),
    });
    if (connector.capabilities().scheduled_tasks.length) connector.startSchedule();
    this.#instance = { key, connector, mapper, mode, redact: createPageRedactor(connector) };
    return this.#instance;
  }

  #pushLog(entry: LogEntry, run: number): void {
    const log = { ...entry, run };
    this.logs.push(log);
    if (this.logs.length > MAX_LOGS) this.logs.splice(0, this.logs.length - MAX_LOGS);
    this.#hub.publish("log", { session: this.id, log });
  }

  #logsOf(run: number): StudioLog[] {
    return this.logs.filter((log) => log.run === run);
  }

  /** Answers a request: a saved response when one matches (outside step mode), else whatever the user answers. */
  async #respond(request: InterceptedRequest): Promise<MockResponse | Response> {
    const saved = this.#savedResponses();
    if (!this.#http.step && saved.answers(request)) return saved.respond(request);
    const answer = await this.#stepper.ask(this.id, this.#shown(request), saved.suggestionsFor(request));
    if (!answer.error) {
      this.answered.push({ id: this.answered.length ? this.answered[this.answered.length - 1]!.id + 1 : 1, method: request.method, url: request.url, response: answer });
      if (this.answered.length > MAX_ANSWERED) this.answered.shift();
    }
    return answer;
  }

  /** The request with secrets masked, as the page may show it. */
  #shown(request: InterceptedRequest): ShownRequest {
    return redactRequest(request, this.#instance?.connector.redact ?? ((text: string) => text));
  }

  /** Responses the session answers by itself (see {@link SavedResponses}). */
  #savedResponses(): SavedResponses {
    let declared: Array<{ method: string; url: string } & MockResponse> = [];
    try {
      declared = readConformance(this.dir).responses ?? [];
    } catch {
      declared = [];
    }
    return new SavedResponses(declared, this.answered, this.#fixtureSecrets());
  }

  async #invokeAll(instance: Instance, input: RunInput) {
    if (input.hook === "advance") return [await this.#invokeOne(instance, () => this.#advance(input.advanceMs))];
    if (!EVENT_HOOKS.has(input.hook)) return [await this.#invokeOne(instance, () => this.#invokeTask(instance.connector, input))];
    const events = input.events ?? [];
    if (!events.length) throw new StudioError(400, `${input.hook} needs an event: pick a sample or a fixture`, { field: "event" });
    const results = [];
    for (const event of events) {
      const result = await this.#invokeOne(instance, () => this.#invokeEvent(instance.connector, input.hook, structuredClone(event)));
      results.push({ input: event, ...result, dropped: input.hook === "processEvent" && !result.error && result.output === null });
    }
    return results;
  }

  async #invokeOne(instance: Instance, call: () => Promise<unknown>): Promise<{ output: unknown; error?: RunFailure }> {
    try {
      const output = await call();
      return { output: output ?? null };
    } catch (error) {
      const { location, frames } = instance.mapper.locate(error);
      const message = instance.mapper.mapText(error instanceof Error ? error.message : String(error));
      return { output: null, error: { name: (error as Error)?.name ?? "Error", message, ...(location ? { location } : {}), frames } };
    }
  }

  async #invokeEvent(connector: Connector, hook: string, event: unknown): Promise<unknown> {
    if (hook === "processEvent") return connector.processEvent(event as never);
    if (hook === "onEvent") {
      await connector.onEvent(event as never);
      await connector.flushExports();
      return null;
    }
    return (await connector.composeWebhook(event as never)).webhook;
  }

  async #invokeTask(connector: Connector, input: RunInput): Promise<unknown> {
    if ((SCHEDULED_TASKS as readonly string[]).includes(input.hook)) return connector.runTask(input.hook as ScheduledTaskName);
    if (input.hook === "setupPlugin") return connector.setup();
    if (input.hook.startsWith("job:")) return connector.runJob(input.hook.slice(4), input.payload);
    throw new StudioError(400, `the studio cannot run "${input.hook}": pick a hook the connector exports`, { field: "hook" });
  }

  async #advance(ms: unknown): Promise<unknown> {
    const amount = Number(ms);
    if (!Number.isFinite(amount) || amount <= 0 || amount > 31 * 24 * 3_600_000) throw new StudioError(400, "advance by a positive time of at most 31 days", { field: "advanceMs" });
    await this.#clock.advance(amount);
    await this.#instance?.connector.runDueJobs();
    return { clock: new Date(this.#clock.now()).toISOString() };
  }
}
