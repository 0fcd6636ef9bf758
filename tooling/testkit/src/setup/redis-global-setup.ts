import { serviceGlobalSetup } from "./services-global-setup.ts";

/** vitest global setup: the run's Redis (REDIS_TEST_URL, else redis-server from PATH). */
export default serviceGlobalSetup("redis");
