export { main } from "./main.ts";
export { COMMANDS } from "./commands/index.ts";
export type { Command, CommandArgs, CommandIO } from "./command.ts";
export { scaffoldConnector } from "./commands/new.ts";
export { scaffoldStandaloneRepo } from "./standalone/scaffold-standalone-repo.ts";
export { validateConnectorDir, type FileIssue } from "./commands/validate.ts";
export { listConnectors, renderConnectorTable, updateReadmeConnectorTable, type ConnectorSummary } from "./commands/list.ts";
