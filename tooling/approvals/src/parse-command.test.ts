import { describe, expect, it } from "vitest";
import { ownersOf } from "./parse-codeowners.ts";
import { parseCommand } from "./parse-command.ts";

describe("parseCommand", () => {
  it.each([
    ["/approve", { kind: "approve" }],
    ["\n  /approve acme@1.2.0  \nthanks!", { kind: "approve", target: { slug: "acme", version: "1.2.0" } }],
    ['/approve acme@1.2.0 --override "the key is a test fixture"', { kind: "approve", target: { slug: "acme", version: "1.2.0" }, override: "the key is a test fixture" }],
    ["/approve --override “false positive”", { kind: "approve", override: "false positive" }],
    ["/revoke acme@1.2.0 sends the API key in the URL", { kind: "revoke", target: { slug: "acme", version: "1.2.0" }, reason: "sends the API key in the URL" }],
  ])("parses %j", (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each([["LGTM"], ["please /approve this"], ["/approved"], [""], [null]])("ignores ordinary text %j", (body) => {
    expect(parseCommand(body)).toBeUndefined();
  });

  it.each([
    ["/approve acme", /not `<slug>@<version>`/],
    ["/approve a@1.0.0 b@1.0.0", /takes one/],
    ["/approve acme@1.0.0 --override", /needs the reason/],
    ["/revoke acme@1.0.0", /needs a reason/],
    ["/revoke acme", /needs `<slug>@<version>`/],
  ])("explains a malformed %j", (body, message) => {
    const command = parseCommand(body);
    expect(command?.kind).toBe("invalid");
    expect(command?.kind === "invalid" && command.message).toMatch(message);
  });
});

describe("ownersOf (CODEOWNERS, last match wins)", () => {
  const text = "# comment\n*  @everyone\n/plugins/ @org/maintainers\n/registry/ @org/maintainers @org/infra # trailing\n/registry/approved.json @org/maintainers @alice\ndocs/*.md @writer\n";
  it.each([
    ["registry/approved.json", ["@org/maintainers", "@alice"]],
    ["registry/src/index.ts", ["@org/maintainers", "@org/infra"]],
    ["plugins/acme/index.ts", ["@org/maintainers"]],
    ["docs/a.md", ["@writer"]],
    ["README.md", ["@everyone"]],
  ])("%s → %j", (path, owners) => {
    expect(ownersOf(text, path)).toEqual(owners);
  });
  it("reads the repository's CODEOWNERS: the maintainers team owns approved.json", async () => {
    const { readFile } = await import("node:fs/promises");
    expect(ownersOf(await readFile(new URL("../../../.github/CODEOWNERS", import.meta.url), "utf8"), "registry/approved.json")).toEqual(["@posthog-connectors/maintainers"]);
  });
});
