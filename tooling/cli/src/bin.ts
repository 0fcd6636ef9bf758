import { invocationCwd } from "./invocation-cwd.ts";
import { main } from "./main.ts";

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: invocationCwd(),
});
process.exitCode = code;
