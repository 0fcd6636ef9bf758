/**
 * The `x-amz-date` form of a time: `YYYYMMDD'T'HHMMSS'Z'` in UTC.
 *
 * @example
 * formatAmzDate(new Date("2015-08-30T12:36:00Z")) // "20150830T123600Z"
 */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}
