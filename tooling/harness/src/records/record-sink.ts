/** Where a record's entries go: a {@link RingBuffer} (answers the entry as kept, maybe cut) or a plain array (tests). */
export interface RecordSink<T> {
  push(entry: T): T | number;
}

/** Pushes `entry` into `sink` and returns the object the sink keeps, for later updates to reach the record. */
export function keepEntry<T>(sink: RecordSink<T>, entry: T): T {
  const kept = sink.push(entry);
  return typeof kept === "number" ? entry : kept;
}
