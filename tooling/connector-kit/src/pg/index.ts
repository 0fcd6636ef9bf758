// What the PostgreSQL-protocol connectors (postgres, redshift) share. A subpath of its own so that only
// they import `pg` (a host module: bundles keep it a `require`, the sandbox bridges it).
export { runQuery } from "./run-query.ts";
