import { readdirSync } from "node:fs";
import { join } from "node:path";
import { runReview } from "@connectors/review";
import { timed } from "../measure.ts";
import type { BenchResult, BenchSuite } from "../types.ts";

/** Time to review one connector, and every connector of the repository (static checks). */
export const reviewSuite: BenchSuite = {
  name: "review",
  async run(context) {
    context.log("review: hello-world");
    const one = await timed(() => runReview({ cwd: context.root, paths: ["plugins/hello-world"] }));
    const results: BenchResult[] = [{ suite: "review", name: "one connector (hello-world)", value: Math.round(one.ms), unit: "ms" }];
    if (!context.quick) {
      const all = readdirSync(join(context.root, "plugins")).map((slug) => `plugins/${slug}`);
      context.log(`review: all ${all.length} connectors`);
      const whole = await timed(() => runReview({ cwd: context.root, paths: all }));
      results.push({ suite: "review", name: `whole repository (${all.length} connectors)`, value: Math.round(whole.ms), unit: "ms", baseline: { name: "one connector (hello-world)", value: Math.round(one.ms) }, ratio: whole.ms / one.ms });
    }
    return results;
  },
};
