export { createAutocapture, createEvent, createIdentify, createPageview, createProcessedEvent } from "./events.ts";
export { createTestConnector, type TestConnectorOptions } from "./create-test-connector.ts";
export { runConformance, type ConformanceCheck, type ConformanceReport } from "./conformance/run-conformance.ts";
export { listWorkspaceConnectors } from "./conformance/list-workspace-connectors.ts";
export { FetchInterceptor, VirtualClock } from "@connectors/harness";
export { PG_TEST_URL, pgSuiteTitle } from "./pg-test-url.ts";
export { createTestDatabase, type TestDatabase } from "./create-test-database.ts";
export { findClosedPort } from "./find-closed-port.ts";
export { TcpProxy } from "./tcp-proxy.ts";
