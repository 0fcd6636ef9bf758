import type { Command } from "../command.ts";
import { bundleCommand } from "./bundle.ts";
import { importCommand } from "./import.ts";
import { installCommand } from "./install.ts";
import { devCommand } from "./dev.ts";
import { listCommand } from "./list.ts";
import { newCommand } from "./new.ts";
import { reviewCommand } from "./review.ts";
import { runCommand } from "./run.ts";
import { submitCommand } from "./submit.ts";
import { testCommand } from "./test.ts";
import { validateCommand } from "./validate.ts";

/** Every `connectors` command. Add a command: one file in this folder, one line here. */
export const COMMANDS: readonly Command[] = [runCommand, validateCommand, newCommand, bundleCommand, listCommand, reviewCommand, devCommand, installCommand, importCommand, submitCommand, testCommand];
