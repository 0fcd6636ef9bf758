import { describe, expect, it } from "vitest";
import { legacyCommonJs, rewriteCommonJs } from "./legacy-commonjs.ts";

describe("rewriteCommonJs", () => {
  it("leaves plain ES modules alone", () => {
    expect(rewriteCommonJs("export const processEvent = (e) => e", "/x/index.ts")).toBeUndefined();
  });

  it("hoists require() of literals into imports with CommonJS interop", async () => {
    const out = rewriteCommonJs("const { a } = require('./a')\nconst rates = require('./rates.json')", "/x/index.test.js")!;
    expect(out).toContain(`import * as __legacy_req_0 from "./a";`);
    expect(out).toContain(`import * as __legacy_req_1 from "./rates.json";`);
    expect(out).not.toContain("export default module.exports");
  });

  it("wraps CommonJS modules: module, exports, __dirname, default export", async () => {
    const out = rewriteCommonJs("exports.processEvent = (e) => ({ ...e, dir: __dirname })", "/x/y/index.js")!;
    const mod = await import(`data:text/javascript,${encodeURIComponent(out)}`);
    expect(mod.__legacyCommonJs).toBe(true);
    expect(mod.default.processEvent({ a: 1 })).toEqual({ a: 1, dir: "/x/y" });
  });

  it("only transforms included files", () => {
    const plugin = legacyCommonJs({ include: /\/legacy\// });
    expect(plugin.transform("module.exports = {}", "/other/index.js")).toBeUndefined();
    expect(plugin.transform("module.exports = {}", "/legacy/index.js?v=1")?.code).toContain("export default module.exports");
  });
});
