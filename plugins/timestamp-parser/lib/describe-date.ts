const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** The calendar properties the connector writes, all in UTC (independent of the host time zone). */
export interface DateParts {
  day_of_the_week: (typeof WEEKDAYS)[number];
  day: number;
  month: number;
  year: number;
  hour: number;
  minute: number;
}

/** Splits a date into UTC weekday name, day of month, month (1-12), year, hour and minute. */
export function describeDate(date: Date): DateParts {
  return {
    day_of_the_week: WEEKDAYS[date.getUTCDay()]!,
    day: date.getUTCDate(),
    month: date.getUTCMonth() + 1,
    year: date.getUTCFullYear(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  };
}
