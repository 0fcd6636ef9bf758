import { ConnectorsError } from "@connectors/plugin-api";

/** Thrown when the standalone-repository check cannot set up or run one of its steps. */
export class StandaloneCheckError extends ConnectorsError {}
