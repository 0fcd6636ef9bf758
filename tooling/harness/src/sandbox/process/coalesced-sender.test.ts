import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { CoalescedSender, unpackCoalesced, type Coalesced } from "./coalesced-sender.ts";

type Message = { t: string; value?: unknown };

/** A pipe that copies what it is given (as IPC does: a function cannot be copied) and records each write. */
function pipe(writeError: Error | null = null) {
  const writes: Array<Coalesced<Message>> = [];
  const sender = new CoalescedSender<Message>((message, done) => {
    writes.push(structuredClone(message));
    queueMicrotask(() => done(writeError));
  });
  return { writes, sender };
}

describe("CoalescedSender", () => {
  it("writes the messages of one turn once, in order, and the next turn's in a later write", async () => {
    const { writes, sender } = pipe();
    for (const t of ["a", "b", "c"]) sender.send({ t });
    await nextTurn();
    sender.send({ t: "d" });
    await nextTurn();
    expect(writes).toEqual([{ t: "many", messages: [{ t: "a" }, { t: "b" }, { t: "c" }] }, { t: "d" }]);
    expect(writes.flatMap(unpackCoalesced).map((m) => m.t)).toEqual(["a", "b", "c", "d"]);
  });

  it("fails only the message that cannot be copied, and still sends the others in order", async () => {
    const { writes, sender } = pipe();
    const failures: string[] = [];
    sender.send({ t: "a" }, () => failures.push("a"));
    sender.send({ t: "b", value: () => 1 }, (error) => failures.push(`b: ${(error as Error).name}`));
    sender.send({ t: "c" }, () => failures.push("c"));
    await nextTurn();
    await nextTurn();
    expect(failures).toEqual(["b: DataCloneError"]);
    expect(writes).toEqual([{ t: "a" }, { t: "c" }]);
  });

  it("tells every message of a write that failed", async () => {
    const { sender } = pipe(new Error("EPIPE"));
    const failures: string[] = [];
    sender.send({ t: "a" }, (error) => failures.push(`a: ${(error as Error).message}`));
    sender.send({ t: "b" }, (error) => failures.push(`b: ${(error as Error).message}`));
    await nextTurn();
    await nextTurn();
    expect(failures).toEqual(["a: EPIPE", "b: EPIPE"]);
  });
});
