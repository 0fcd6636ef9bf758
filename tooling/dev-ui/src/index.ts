export { startStudio, StudioPortInUseError, type RunningStudio, type StudioOptions } from "./server.ts";
export { StudioApp, type ScaffoldConnector } from "./studio-app.ts";
export { StudioError, type SourceProblem } from "./studio-error.ts";
export { StudioWorkspace } from "./api/workspace.ts";
export { StudioSession, type HttpMode, type RunInput } from "./api/studio-session.ts";
