/** What a host call checks about the call it works for: the owner's deadline (on `performance.now()`'s clock). */
export interface DeadlineOwner {
  hook: string;
  deadline: number;
  expired: boolean;
  /** Set once a host call came after the deadline: the error every later one gets, and the call ends with. */
  late?: Error;
}

/**
 * The error for a host call that comes after its owning call's deadline (or once the call was given up),
 * or undefined while in time.
 *
 * isolated-vm's `timeout` covers the host time of an entry's synchronous host calls (it stops the
 * entry when the call returns; `sandbox-sync-call-deadline.test.ts` measures it), but an entry's
 * timeout starts when the isolate starts it: a batch chunk queued behind another one starts after its
 * owner's deadline with a fresh timeout. So the host checks the deadline itself before it does any
 * work for the isolate. The first late call marks the owner expired and fixes its error (`stop`), so
 * host time per call is bounded by the budget plus one capped call.
 */
export function lateHostCall<O extends DeadlineOwner>(owner: O | undefined, stop: (owner: O) => Error): Error | undefined {
  if (!owner || (!owner.late && !owner.expired && performance.now() <= owner.deadline)) return undefined;
  owner.expired = true;
  return (owner.late ??= stop(owner));
}
