import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { parsePercentage } from "./lib/parse-percentage.ts";
import { shouldKeep, type Sampling } from "./lib/should-keep.ts";

type Meta = PluginMeta<{ percentage?: string; samplingMethod?: string }, Partial<Sampling>>;

/** Validates `percentage` (0-100) and picks the sampling method. */
export function setupPlugin({ config, global }: Meta): void {
  global.percentage = parsePercentage(config.percentage);
  global.randomSampling = config.samplingMethod === "Random sampling";
}

/** Returns the event unchanged when sampled in, null when sampled out. */
export function processEvent(event: PluginEvent, { global }: Meta): PluginEvent | null {
  const sampling = { percentage: global.percentage ?? Number.NaN, randomSampling: global.randomSampling ?? false };
  return shouldKeep(event.distinct_id, sampling) ? event : null;
}
