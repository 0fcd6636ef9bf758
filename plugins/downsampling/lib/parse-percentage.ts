/** Thrown by setupPlugin when `percentage` is not a number from 0 to 100. */
export const PERCENTAGE_ERROR = "Percentage must be a number between 0 and 100.";

/** `parseFloat` of the config value (`"12.5%"` -> 12.5); throws {@link PERCENTAGE_ERROR} for NaN, < 0 or > 100. */
export function parsePercentage(raw: unknown): number {
  const value = Number.parseFloat(String(raw ?? ""));
  if (Number.isNaN(value) || value < 0 || value > 100) throw new Error(PERCENTAGE_ERROR);
  return value;
}
