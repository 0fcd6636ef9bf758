import { KNOWN_EXPORTS } from "@connectors/plugin-api";

function isObject(value: unknown): value is Record<string, unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null;
}

function knownKeys(value: unknown): string[] {
  if (!isObject(value)) return [];
  return KNOWN_EXPORTS.filter((name) => value[name] !== undefined);
}

function ownKeys(value: unknown): string[] {
  if (!isObject(value)) return [];
  return Object.keys(value).filter((key) => key !== "__esModule" && key !== "default");
}

/** The connector's exports and any export names the contract does not know. */
export interface DiscoveredExports {
  exports: Record<string, unknown>;
  unknown: string[];
  style: "named" | "default" | "bare" | "none";
}

/**
 * Finds the hooks the way PostHog did, across every export style: named exports (`exports.x`,
 * `module.exports = {...}`, ES `export function`), then `export default {...}`, then bare top-level
 * functions.
 */
export function discoverExports(moduleExports: unknown, bare: Record<string, unknown> = {}): DiscoveredExports {
  const candidates: Array<[DiscoveredExports["style"], unknown]> = [
    ["named", moduleExports],
    ["default", isObject(moduleExports) ? moduleExports.default : undefined],
    ["bare", bare],
  ];
  for (const [style, value] of candidates) {
    if (knownKeys(value).length === 0) continue;
    const source = value as Record<string, unknown>;
    const exports = Object.fromEntries(knownKeys(source).map((name) => [name, source[name]]));
    const unknown = style === "bare" ? [] : ownKeys(source).filter((key) => !KNOWN_EXPORTS.includes(key));
    return { exports, unknown, style };
  }
  return { exports: {}, unknown: ownKeys(moduleExports), style: "none" };
}
