import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | undefined;

/**
 * A full collection of this process's heap, for measurements to start from the same state. The bench is
 * a tool run on its own, so it may switch V8's `--expose-gc` on at run time (the harness never does);
 * the flag makes `gc` available to contexts created afterwards, and one is created to fetch it.
 */
export function collectGarbage(): void {
  if (!collect) {
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc") as () => void;
  }
  collect();
}
