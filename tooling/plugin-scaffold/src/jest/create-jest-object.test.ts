import { describe, expect, it, vi } from "vitest";
import { createJestObject } from "./create-jest-object.ts";

describe("createJestObject", () => {
  const jest = createJestObject(vi as never, () => undefined) as Record<string, any>;

  it("makes jest.fn mocks constructible with arrow implementations set later", () => {
    const Client = jest.fn();
    Client.mockImplementation(() => ({ ok: true }));
    expect(new Client()).toEqual({ ok: true });
  });

  it("says clearly what it does not offer, and what to do instead", () => {
    expect(() => jest.isolateModules(() => {})).toThrow(/jest\.isolateModules is not supported by the jest preset .* jest\.resetModules\(\)/);
    expect(() => jest.createMockFromModule("./x")).toThrow(/jest\.createMockFromModule is not supported/);
  });
});
