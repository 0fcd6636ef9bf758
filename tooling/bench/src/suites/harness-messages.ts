import type { BenchInstances } from "./bench-instances.ts";
import { skippedAs, type Contenders } from "./contenders.ts";
import { benchEvent } from "./load-transformation.ts";

/** A contender over JSON messages: takes the messages, produces the outgoing JSON (or nothing for dropped). */
type MessageContender = (messages: string[]) => Promise<void>;

const KAFKA_BATCH = 1000;

/** `count` pageviews as the JSON messages an ingestion queue carries (fresh strings each round). */
export function benchMessages(count: number): string[] {
  return Array.from({ length: count }, (_, i) => JSON.stringify(benchEvent(i)));
}

function perMessage(hook: (event: any) => unknown): MessageContender {
  return async (messages) => {
    for (const message of messages) {
      const out = await hook(JSON.parse(message));
      if (out) JSON.stringify(out);
    }
  };
}

function inBatches(run: (batch: string[]) => Promise<unknown>): MessageContender {
  return async (messages) => {
    for (let i = 0; i < messages.length; i += KAFKA_BATCH) await run(messages.slice(i, i + KAFKA_BATCH));
  };
}

/**
 * The ingestion shape: each event arrives as a JSON message and leaves as one (PostHog's plugin server
 * read events from Kafka and wrote them back). Direct, in-process and vm2 decode, call the hook and
 * encode on the host; the sandbox takes the messages as they are (one isolate, a pool of two, and a pool
 * of two in a child process).
 */
export function messageContenders({ imported, bundled, sandboxed, vm2, skipped }: BenchInstances): Contenders<string> {
  const hook = imported.plugin.processEvent!;
  const contenders: Record<string, MessageContender> = {
    "messages/direct": perMessage((event) => hook(event, imported.meta)),
    "messages/in-process (bundle)": perMessage((event) => bundled.processEvent(event)),
  };
  if (sandboxed) {
    contenders["messages/sandbox"] = inBatches((batch) => sandboxed.sandbox.processEventMessages(batch, sandboxed.connector.meta));
    contenders["messages/sandbox pool of 2"] = inBatches((batch) => sandboxed.pool.processEventMessages(batch));
    contenders["messages/sandbox pool of 2, child process"] = inBatches((batch) => sandboxed.childPool.processEventMessages(batch));
  }
  if (vm2) contenders["messages/vm2"] = perMessage((event) => vm2.processEvent!(event, imported.meta));
  return { contenders, skipped: skippedAs(skipped, "messages/") };
}
