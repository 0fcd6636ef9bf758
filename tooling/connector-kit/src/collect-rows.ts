/**
 * The rows of a batch for an export: events whose name is in `eventsToIgnore` are skipped, the others go
 * through `toRow`; an event it turns into an Error is logged (`logger.error(message)`) and left out, so one
 * bad event does not cost the batch. Order is kept.
 *
 * @example
 * const rows = collectRows(events, { eventsToIgnore: settings.eventsToIgnore, toRow: parseEvent, logger: meta.logger });
 */
export function collectRows<Event extends { event: string }, Row>(
  events: readonly Event[],
  options: { eventsToIgnore: Iterable<string>; toRow: (event: Event) => Row | Error; logger: { error: (message: string) => void } },
): Row[] {
  const ignore = new Set(options.eventsToIgnore);
  const rows: Row[] = [];
  for (const event of events) {
    if (ignore.has(event.event)) continue;
    const row = options.toRow(event);
    if (row instanceof Error) options.logger.error(row.message);
    else rows.push(row);
  }
  return rows;
}
