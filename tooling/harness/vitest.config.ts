import { defineWorkspaceProject } from "../../vitest.shared.ts";

export default defineWorkspaceProject(import.meta.dirname, {}, { services: ["postgres", "redis"] });
