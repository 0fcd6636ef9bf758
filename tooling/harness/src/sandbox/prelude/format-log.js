// console / meta.logger formatting inside the isolate, the same rules as the host's formatLogArgs.

/** Objects as JSON, Errors as their stack, everything else as String, joined by spaces. */
export function formatLogArgs(args) {
  return args
    .map((arg) => {
      if (typeof arg === "string") return arg;
      if (arg instanceof Error) return arg.stack ?? `${arg.name}: ${arg.message}`;
      if (typeof arg === "object" && arg !== null) {
        try {
          return JSON.stringify(arg);
        } catch {
          return String(arg);
        }
      }
      return String(arg);
    })
    .join(" ");
}
