import type { LogLevel, Logger } from "@connectors/plugin-api";
import type { Clock } from "./clock.ts";
import type { Redactor } from "./redact.ts";
import { formatLogArgs } from "./format-log-args.ts";
import type { RingBuffer } from "./records/ring-buffer.ts";

export { formatLogArgs };

/** One line a connector (or the harness about it) logged. */
export interface LogEntry {
  level: LogLevel;
  message: string;
  timestamp: string;
  /** `console` for the connector's own logging, `system` for the harness's notes about it. */
  source: "console" | "system";
}

const LEVELS: readonly LogLevel[] = ["debug", "info", "log", "warn", "error"];

/**
 * Where log entries go: kept in order in a bounded ring (the oldest dropped first, a line over the byte
 * cap cut), optionally streamed (the CLI prints them live).
 */
export class LogSink {
  /** How many lines had a secret in them (and were redacted). */
  secretsLogged = 0;
  readonly #clock: Clock;
  readonly #redact: Redactor;
  readonly #listeners: Array<(entry: LogEntry) => void> = [];
  readonly #ring: RingBuffer<LogEntry>;
  readonly #droppedNote: () => string;

  constructor(clock: Clock, redact: Redactor, ring: RingBuffer<LogEntry>, droppedNote: () => string) {
    this.#clock = clock;
    this.#redact = redact;
    this.#ring = ring;
    this.#droppedNote = droppedNote;
  }

  /** The kept lines, oldest first, led by a system line saying how many earlier lines were dropped (if any). */
  get entries(): LogEntry[] {
    const kept = this.#ring.toArray();
    if (this.#ring.dropped === 0) return kept;
    const timestamp = kept[0]?.timestamp ?? new Date(this.#clock.now()).toISOString();
    return [{ level: "warn", message: this.#droppedNote(), timestamp, source: "system" }, ...kept];
  }

  /** Calls `listener` for every new entry. */
  subscribe(listener: (entry: LogEntry) => void): void {
    this.#listeners.push(listener);
  }

  write(level: LogLevel, message: string, source: LogEntry["source"] = "console"): void {
    const redacted = this.#redact(message);
    if (redacted !== message) this.secretsLogged++;
    const entry = this.#ring.push({ level, message: redacted, timestamp: new Date(this.#clock.now()).toISOString(), source });
    for (const listener of this.#listeners) listener(entry);
  }

  /** The `console` / `meta.logger` a connector gets: every call becomes an entry, secrets redacted. */
  createLogger(): Logger {
    return Object.fromEntries(LEVELS.map((level) => [level, (...args: unknown[]) => this.write(level, formatLogArgs(args))])) as Logger;
  }
}
