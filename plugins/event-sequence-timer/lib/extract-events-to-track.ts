const NAME = "[^(),]+";
const GROUP = `\\(${NAME},${NAME}\\)`;
/** Zero or more `(X,Y)` groups separated by exactly one comma, nothing else. */
const SHAPE = new RegExp(`^(?:${GROUP}(?:,${GROUP})*)?$`);

/**
 * Parses `(eventA,eventB),(eventC,eventD)` into ordered `[first, second]` pairs. Names are trimmed;
 * spaces inside names are kept.
 *
 * @throws Error "Unable to extract events to track" for any other shape, including "" and adjacent groups
 */
export function extractEventsToTrack(text: string): Array<[string, string]> {
  const fail = () => new Error("Unable to extract events to track");
  if (!SHAPE.test(text) || text === "") throw fail();
  return text
    .slice(1, -1)
    .split("),(")
    .map((piece) => {
      const comma = piece.lastIndexOf(",");
      const pair: [string, string] = [piece.slice(0, comma).trim(), piece.slice(comma + 1).trim()];
      if (!pair[0] || !pair[1]) throw fail();
      return pair;
    });
}
