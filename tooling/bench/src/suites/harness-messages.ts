import { join } from "node:path";
import type { Plugin } from "@connectors/plugin-api";
import { SandboxPool, getConnectorSandbox, loadConnector } from "@connectors/harness";
import type { BenchTarget } from "./load-transformation.ts";
import { benchEvent, benchOptions, instantiate } from "./load-transformation.ts";
import { loadInVm2 } from "./vm2-baseline.ts";

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
 * encode on the host; the sandbox takes the messages as they are (one isolate, and a pool of two).
 */
export async function messageContenders(target: BenchTarget): Promise<{ contenders: Record<string, MessageContender>; skipped: Map<string, string>; close: () => Promise<void> }> {
  const skipped = new Map<string, string>();
  const imported = await instantiate(target, "import");
  const bundled = await instantiate(target, "bundle");
  const hook = imported.plugin.processEvent!;
  const contenders: Record<string, MessageContender> = {
    "messages/direct": perMessage((event) => hook(event, imported.meta)),
    "messages/in-process (bundle)": perMessage((event) => bundled.processEvent(event)),
  };
  const closers: Array<() => Promise<void>> = [() => imported.teardown(), () => bundled.teardown()];
  try {
    const sandboxed = await instantiate(target, "sandbox");
    closers.push(() => sandboxed.teardown());
    const sandbox = getConnectorSandbox(sandboxed.plugin)!;
    contenders["messages/sandbox"] = inBatches((batch) => sandbox.processEventMessages(batch, sandboxed.meta));
    const pool = await SandboxPool.create(await loadConnector(target.dir, { mode: "sandbox" }), { size: 2, ...benchOptions(target) });
    closers.push(() => pool.teardown());
    contenders["messages/sandbox pool of 2"] = inBatches((batch) => pool.processEventMessages(batch));
  } catch (error) {
    skipped.set("messages/sandbox", `not measured: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  try {
    const vm2: Plugin = await loadInVm2(join(target.dir, "index.ts"), target.dir);
    contenders["messages/vm2"] = perMessage((event) => vm2.processEvent!(event, imported.meta));
  } catch (error) {
    skipped.set("messages/vm2", `not measured: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  return { contenders, skipped, close: async () => void (await Promise.all(closers.map((close) => close()))) };
}
