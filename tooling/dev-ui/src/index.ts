export { startStudio, type RunningStudio, type StudioOptions } from "./server.ts";
export { runInStudio, type StudioRunRequest } from "./api/run-in-studio.ts";
export { StudioError, StudioWorkspace } from "./api/workspace.ts";
