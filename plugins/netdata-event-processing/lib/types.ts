/** Event properties as this connector reads and writes them. */
export type Props = Record<string, unknown>;

/** One autocapture element (`$elements` entry). */
export type Element = Record<string, unknown>;

/** Which inner element pass a source uses. */
export type ElementRules = "agent" | "cloud" | "staging" | "site" | "learn" | "none";

/** Which property rules a source uses. */
export type PropertyRules = "agent" | "path" | "installer" | "none";

/** Where an event came from and the rules that apply to it. */
export interface Source {
  eventSource: string;
  elements: ElementRules;
  properties: PropertyRules;
}
