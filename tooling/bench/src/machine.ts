import { cpus, totalmem } from "node:os";
import type { MachineFacts } from "./types.ts";

/** Cores, CPU model, memory and Node version of this machine, printed with every run. */
export function machineFacts(): MachineFacts {
  const list = cpus();
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}
