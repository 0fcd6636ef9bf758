/**
 * What a test run knows about one real service (PostgreSQL or Redis): where it is, or why suites that need it
 * skip. The run's global setup resolves it once; tests read it with {@link testService}.
 */
export type TestServiceInfo =
  | { /** Connection URL. */ url: string; /** Where it came from, for suite titles (e.g. "PG_TEST_URL", "embedded PostgreSQL 18.4"). */ origin: string }
  | { /** One line: "skipped: <what is missing>; <how to fix>". */ skipped: string };

/** The services the shared vitest setup can provide. */
export type TestServiceName = "postgres" | "redis";
