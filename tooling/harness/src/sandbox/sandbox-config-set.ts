import { SCHEDULED_TASKS, type PluginEvent } from "@connectors/plugin-api";
import { MemoryCache } from "../backends/memory-cache.ts";
import { MemoryStorage } from "../backends/memory-storage.ts";
import { resolveBufferLimits } from "../records/buffer-limits.ts";
import type { Connector } from "../connector.ts";
import type { ConnectorOptions } from "../connector-options.ts";
import { createConnector } from "../create-connector.ts";
import { PluginLoadError } from "../errors.ts";
import type { LoadedConnector } from "../load/load-connector.ts";
import { systemClock } from "../clock.ts";
import { getConnectorSandbox } from "./load-sandboxed.ts";

/** One installed config: what it needs to (re)create its connector, and the connector while it is live. */
interface ConfigEntry {
  loaded: LoadedConnector;
  options: ConnectorOptions;
  live?: Promise<Connector>;
  lastUsed: number;
  /** Kept live: the connector has runEvery* tasks (PostHog sets those up at load and never unloads them). */
  pinned: boolean;
}

/** Options of a {@link SandboxConfigSet}. */
export interface SandboxConfigSetOptions {
  /** A config without events for this long is unloaded by {@link SandboxConfigSet.evictIdle} (default 10 min). */
  idleMs?: number;
  /** Milliseconds now (default `performance.now`); tests pass a virtual one. */
  now?: () => number;
}

const hasScheduledTasks = (connector: Connector) => SCHEDULED_TASKS.some((task) => connector.plugin[task] !== undefined);

/**
 * Many connector configs in one process, as PostHog's plugin server holds them: adding a config costs no
 * isolate; the isolate is created, and `setupPlugin` run, before the config's first event (PostHog's lazy
 * VM); a config idle for `idleMs` is unloaded like a reload — `teardownPlugin` runs, the isolate is freed —
 * and set up again on its next event. What a connector keeps across reloads in PostHog survives here too:
 * `cache` and `storage` (one backend per config, kept while the config is installed); `meta.global` is per
 * VM and starts empty again, as after any PostHog reload. Connectors with runEvery* tasks are set up when
 * added and never unloaded (PostHog sets those up eagerly). Every config's isolate is its own.
 *
 * @example
 * const configs = new SandboxConfigSet({ idleMs: 60_000 });
 * configs.add("team-2/geoip", await loadConnector("geoip", { mode: "sandbox" }), { config: {} });
 * await configs.processEvent("team-2/geoip", event);
 * await configs.evictIdle();
 */
export class SandboxConfigSet {
  readonly #entries = new Map<string, ConfigEntry>();
  readonly #idleMs: number;
  readonly #now: () => number;
  /** Whether a loaded connector has scheduled tasks, learned from its first instance. */
  readonly #scheduled = new WeakMap<LoadedConnector, boolean>();

  constructor(options: SandboxConfigSetOptions = {}) {
    this.#idleMs = options.idleMs ?? 10 * 60_000;
    this.#now = options.now ?? (() => performance.now());
  }

  /**
   * Installs a config (no isolate yet, unless the connector has scheduled tasks or is new to this set).
   * Cache and storage default to per-config in-memory backends that outlive reloads.
   *
   * @throws PluginLoadError when `id` is already installed or `loaded` is not a sandbox-mode connector
   */
  async add(id: string, loaded: LoadedConnector, options: ConnectorOptions = {}): Promise<void> {
    if (this.#entries.has(id)) throw new PluginLoadError(`Config "${id}" is already installed. Fix: remove it first, or use another id.`);
    if (loaded.mode !== "sandbox") throw new PluginLoadError(`Config "${id}": ${loaded.source.slug} was loaded in "${loaded.mode}" mode. Fix: load it with { mode: "sandbox" }.`);
    const clock = options.clock ?? systemClock;
    const entry: ConfigEntry = { loaded, options: { ...options, clock, cache: options.cache ?? new MemoryCache(clock, resolveBufferLimits(options.bufferLimits)), storage: options.storage ?? new MemoryStorage(resolveBufferLimits(options.bufferLimits)) }, lastUsed: this.#now(), pinned: false };
    this.#entries.set(id, entry);
    const scheduled = this.#scheduled.get(loaded);
    if (scheduled === undefined || scheduled) await this.#connector(id, entry);
  }

  /** Runs `event` through config `id`'s processEvent, setting the config up first when it is not live. */
  async processEvent(id: string, event: PluginEvent): Promise<PluginEvent | null> {
    const entry = this.#entries.get(id);
    if (!entry) throw new PluginLoadError(`No config "${id}" is installed. Fix: add it first.`);
    entry.lastUsed = this.#now();
    const connector = await this.#connector(id, entry);
    return connector.processEvent(event);
  }

  /** The live connector of config `id` (set up now when it is not live). */
  connector(id: string): Promise<Connector> {
    const entry = this.#entries.get(id);
    if (!entry) return Promise.reject(new PluginLoadError(`No config "${id}" is installed. Fix: add it first.`));
    return this.#connector(id, entry);
  }

  #connector(id: string, entry: ConfigEntry): Promise<Connector> {
    entry.live ??= this.#start(entry).catch((error: unknown) => {
      entry.live = undefined;
      throw error;
    });
    return entry.live;
  }

  async #start(entry: ConfigEntry): Promise<Connector> {
    const connector = await createConnector(entry.loaded, entry.options);
    const scheduled = hasScheduledTasks(connector);
    this.#scheduled.set(entry.loaded, scheduled);
    entry.pinned = scheduled;
    await connector.setup();
    return connector;
  }

  /** Unloads every live, unpinned config idle for `idleMs` or more: teardownPlugin, then its isolate is freed. Returns how many. */
  async evictIdle(): Promise<number> {
    const cutoff = this.#now() - this.#idleMs;
    const idle = [...this.#entries.values()].filter((entry) => entry.live && !entry.pinned && entry.lastUsed <= cutoff);
    await Promise.all(idle.map((entry) => this.#unload(entry)));
    return idle.length;
  }

  async #unload(entry: ConfigEntry): Promise<void> {
    const live = entry.live;
    entry.live = undefined;
    const connector = await live?.catch(() => undefined);
    if (!connector) return;
    await connector.teardown();
    getConnectorSandbox(connector.plugin)?.dispose();
  }

  /** Uninstalls config `id` (unloading it when live). */
  async remove(id: string): Promise<void> {
    const entry = this.#entries.get(id);
    this.#entries.delete(id);
    if (entry) await this.#unload(entry);
  }

  /** Unloads and removes every config. */
  async close(): Promise<void> {
    await Promise.all([...this.#entries.keys()].map((id) => this.remove(id)));
  }

  /** How many configs are installed, and how many have an isolate now. */
  get stats(): { configs: number; live: number } {
    let live = 0;
    for (const entry of this.#entries.values()) if (entry.live) live++;
    return { configs: this.#entries.size, live };
  }
}
