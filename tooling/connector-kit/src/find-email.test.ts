import { describe, expect, it } from "vitest";
import { findEmail } from "./find-email.ts";

describe("findEmail", () => {
  const base = { event: "e", team_id: 2, uuid: "u", timestamp: "", ip: null };
  it.each([
    [{ distinct_id: "a@b.io", $set: { email: "c@d.io" } }, "a@b.io"],
    [{ distinct_id: "x", $set: { email: "c@d.io" }, properties: { email: "e@f.io" } }, "c@d.io"],
    [{ distinct_id: "x", $set: { email: "nope" }, properties: { email: "e@f.io" } }, undefined],
    [{ distinct_id: "x", $set: { email: null }, properties: { email: "e@f.io" } }, undefined],
    [{ distinct_id: "x", $set: { name: "n" }, properties: { email: "e@f.io" } }, "e@f.io"],
    [{ distinct_id: "x", properties: { email: "e@f.io" } }, "e@f.io"],
    [{ distinct_id: "x", properties: { email: "a b@c.io" } }, undefined],
    [{ distinct_id: "a@b", properties: { email: 42 } }, undefined],
    [{ distinct_id: "x", properties: {} }, undefined],
    [{ distinct_id: "x" }, undefined],
  ])("%j -> %s", (event, email) => expect(findEmail({ ...base, ...event } as never)).toBe(email));
});
