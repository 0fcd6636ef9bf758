/** The replication factor: the integer in `replication`; missing, invalid, 0 or negative -> 1. */
export function readReplication(raw: unknown): number {
  const value = Number.parseInt(String(raw ?? ""), 10);
  return Number.isFinite(value) && value >= 1 ? value : 1;
}
