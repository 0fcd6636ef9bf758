import type { PluginMeta } from "@posthog/plugin-scaffold";

/** The in-memory buffer kept in `meta.global` (the legacy contrib buffer's semantics, timed by a job). */
export interface BufferState {
  messages: unknown[];
  uuids: string[];
  points: number;
  /** Generation of the pending flush timer job; 0 when none runs. */
  timer: number;
  generation: number;
}

/** Buffer limits, the timer job's name and what a flush does. */
export interface BufferOptions {
  limit: number;
  timeoutSeconds: number;
  timerJob: string;
  onFlush: (messages: unknown[], uuids: string[]) => Promise<void>;
}

/** An empty buffer. */
export function createBufferState(): BufferState {
  return { messages: [], uuids: [], points: 0, timer: 0, generation: 0 };
}

/** Sends what the buffer holds (and forgets the pending timer). */
export async function flushBuffer(state: BufferState, options: BufferOptions): Promise<void> {
  state.timer = 0;
  if (state.messages.length === 0) return;
  const { messages, uuids } = state;
  state.messages = [];
  state.uuids = [];
  state.points = 0;
  await options.onFlush(messages, uuids);
}

/**
 * Adds a message: flushes first when it would pass the limit, flushes again when it is over the limit
 * alone, else makes sure a timer job (`runIn(timeoutSeconds)`) will flush it.
 */
export async function addToBuffer(meta: PluginMeta, state: BufferState, options: BufferOptions, message: unknown, uuid: string): Promise<void> {
  const points = JSON.stringify(message).length;
  if (state.points > 0 && state.points + points > options.limit) await flushBuffer(state, options);
  state.messages.push(message);
  state.uuids.push(uuid);
  state.points += points;
  if (state.points > options.limit) {
    await flushBuffer(state, options);
  } else if (!state.timer) {
    state.timer = ++state.generation;
    await meta.jobs[options.timerJob]!({ generation: state.timer }).runIn(options.timeoutSeconds, "seconds");
  }
}

/** The timer job: flushes unless the buffer was flushed (and the timer cleared) since it was set. */
export async function onTimer(state: BufferState, options: BufferOptions, generation: number): Promise<void> {
  if (state.timer !== generation) return;
  await flushBuffer(state, options);
}
