/**
 * The real PostgreSQL server tests may use (`PG_TEST_URL`, e.g. `postgres://postgres@127.0.0.1:54329/postgres`),
 * or undefined when it is not set: suites that need it skip, titled with {@link pgSuiteTitle}. CI always sets it.
 */
export const PG_TEST_URL: string | undefined = process.env.PG_TEST_URL || undefined;

/**
 * The title of a suite that needs the real PostgreSQL server: says which server it runs against, or that it
 * is skipped and how to run it. Use with `describe.skipIf(!PG_TEST_URL)(pgSuiteTitle("postgres"), ...)`.
 *
 * @param subject - what the suite tests (the connector's slug)
 * @param serverUrl - the server the suite would use (defaults to PG_TEST_URL)
 */
export function pgSuiteTitle(subject: string, serverUrl: string | undefined = PG_TEST_URL): string {
  return serverUrl
    ? `${subject} against the real PostgreSQL server at PG_TEST_URL`
    : `${subject} against a real PostgreSQL server (SKIPPED: PG_TEST_URL is not set; e.g. PG_TEST_URL=postgres://postgres@127.0.0.1:54329/postgres)`;
}
