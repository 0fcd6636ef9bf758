import { serviceGlobalSetup } from "./services-global-setup.ts";

/** vitest global setup: the run's PostgreSQL (PG_TEST_URL, else embedded). */
export default serviceGlobalSetup("postgres");
