/** What crosses the pipe: one message, or the messages sent in one turn of the event loop, in order. */
export type Coalesced<M> = M | { t: "many"; messages: M[] };

/** Writes one IPC message; `done` gets the write's error, if any. Throws when the message cannot be copied. */
export type IpcWrite<M> = (message: Coalesced<M>, done: (error: Error | null) => void) => void;

interface Queued<M> {
  message: M;
  failed: (error: unknown) => void;
}

/**
 * Groups the IPC messages sent in one turn of the event loop into one write: a batch chunk's host
 * operations reach the pool's process together, and the answers that are ready together go back together,
 * instead of a pipe write and a V8 serialization each (geoip's cache calls made 1.5 IPC messages per event).
 * Order is kept. A message whose value cannot be copied fails only itself, through its own `failed`.
 */
export class CoalescedSender<M> {
  readonly #write: IpcWrite<M>;
  #queue: Array<Queued<M>> = [];
  #scheduled = false;

  constructor(write: IpcWrite<M>) {
    this.#write = write;
  }

  /** Queues `message` for this turn's write; `failed` hears of a write or copy failure. */
  send(message: M, failed: (error: unknown) => void = () => undefined): void {
    this.#queue.push({ message, failed });
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    const queued = this.#queue;
    this.#queue = [];
    if (queued.length === 1) return this.#writeOne(queued[0]!);
    try {
      this.#write({ t: "many", messages: queued.map((entry) => entry.message) }, (error) => {
        if (error) for (const entry of queued) entry.failed(error);
      });
    } catch {
      // One of them cannot be copied (a function in a value): send them one by one, so only it fails.
      for (const entry of queued) this.#writeOne(entry);
    }
  }

  #writeOne({ message, failed }: Queued<M>): void {
    try {
      this.#write(message, (error) => {
        if (error) failed(error);
      });
    } catch (error) {
      failed(error);
    }
  }
}

/** The messages one IPC message carries. */
export function unpackCoalesced<M>(message: Coalesced<M>): M[] {
  return typeof message === "object" && message !== null && (message as { t?: unknown }).t === "many" ? (message as { messages: M[] }).messages : [message as M];
}
