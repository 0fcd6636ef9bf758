import { describe, expect, it } from "vitest";
import { splitAutocaptureElements } from "./split-autocapture-elements.ts";

const elements = [{ tag_name: "a" }];

describe("splitAutocaptureElements", () => {
  it("moves an $autocapture's $elements out of the properties, leaving the event as it was", () => {
    const event = { event: "$autocapture", properties: { $event_type: "click", $elements: elements } };
    for (const presence of ["key", "truthy"] as const) {
      expect(splitAutocaptureElements(event, presence)).toEqual({ properties: { $event_type: "click" }, elements });
    }
    expect(event.properties).toEqual({ $event_type: "click", $elements: elements });
  });

  it("keeps $elements of other events in the properties, elements []", () => {
    const properties = { $elements: elements, plan: "pro" };
    expect(splitAutocaptureElements({ event: "signup", properties }, "key")).toEqual({ properties, elements: [] });
    expect(splitAutocaptureElements({ event: "signup", properties }, "truthy")).toEqual({ properties, elements: [] });
  });

  it('"key": a key holding null or undefined still moves (elements [])', () => {
    expect(splitAutocaptureElements({ event: "$autocapture", properties: { $elements: null, a: 1 } }, "key")).toEqual({ properties: { a: 1 }, elements: [] });
    expect(splitAutocaptureElements({ event: "$autocapture", properties: { $elements: undefined, a: 1 } }, "key")).toEqual({ properties: { a: 1 }, elements: [] });
  });

  it('"truthy": a falsy $elements stays in the properties (elements [])', () => {
    expect(splitAutocaptureElements({ event: "$autocapture", properties: { $elements: null, a: 1 } }, "truthy")).toEqual({ properties: { $elements: null, a: 1 }, elements: [] });
    expect(splitAutocaptureElements({ event: "$autocapture", properties: { $elements: "", a: 1 } }, "truthy")).toEqual({ properties: { $elements: "", a: 1 }, elements: [] });
  });

  it("treats missing properties as {}", () => {
    expect(splitAutocaptureElements({ event: "$autocapture" }, "key")).toEqual({ properties: {}, elements: [] });
    expect(splitAutocaptureElements({ event: "$autocapture", properties: null }, "truthy")).toEqual({ properties: {}, elements: [] });
  });
});
