import type { MetricType, MetricsExtension } from "@connectors/plugin-api";
import { IllegalOperationError } from "../errors.ts";

const TYPES: readonly MetricType[] = ["sum", "max", "min"];

/** The metrics a connector declared and their current values. */
export class MetricsRegistry {
  readonly values: Record<string, number> = {};
  readonly #types: Record<string, MetricType>;

  /** @throws IllegalOperationError when a declared metric type is not sum, max or min */
  constructor(plugin: string, declared: Record<string, unknown> = {}) {
    for (const [name, type] of Object.entries(declared)) {
      if (!TYPES.includes(type as MetricType)) {
        throw new IllegalOperationError(`Connector "${plugin}" declares metric "${name}" of type ${JSON.stringify(type)}; use "sum", "max" or "min"`);
      }
    }
    this.#types = declared as Record<string, MetricType>;
  }

  /** Declares more metrics (the harness's own exportEvents metrics). */
  declare(names: readonly string[], type: MetricType): void {
    for (const name of names) this.#types[name] ??= type;
  }

  /** Adds to a `sum` metric, or feeds a max/min one. */
  update(name: string, value: number, op: "increment" | "max" | "min"): void {
    const type = this.#types[name];
    if (!type) throw new IllegalOperationError(`metric "${name}" is not declared; add it to the exported \`metrics\``);
    const expected = op === "increment" ? "sum" : op;
    if (type !== expected) throw new IllegalOperationError(`metric "${name}" is a ${type} metric; ${op}() is not allowed on it`);
    const current = this.values[name];
    if (op === "increment") this.values[name] = (current ?? 0) + value;
    else this.values[name] = current === undefined ? value : Math[op](current, value);
  }

  /** `meta.metrics`: `metrics.<name>.increment(v) | .max(v) | .min(v)`. */
  createExtension(): MetricsExtension {
    return new Proxy({} as MetricsExtension, {
      get: (_, name) =>
        typeof name !== "string"
          ? undefined
          : {
              increment: (value = 1) => this.update(name, value, "increment"),
              max: (value: number) => this.update(name, value, "max"),
              min: (value: number) => this.update(name, value, "min"),
            },
    });
  }
}
