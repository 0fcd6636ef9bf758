/**
 * The caps a set of environment variables overrides: for each key of `names`, the variable's value
 * when it is a positive safe integer; other values are ignored (the default stays).
 */
export function limitsFromEnv<K extends string>(names: Readonly<Record<K, string>>, env: NodeJS.ProcessEnv): Partial<Record<K, number>> {
  const limits: Partial<Record<K, number>> = {};
  for (const [key, name] of Object.entries(names) as Array<[K, string]>) {
    const value = Number(env[name]);
    if (env[name] !== undefined && Number.isSafeInteger(value) && value > 0) limits[key] = value;
  }
  return limits;
}

/** The caps in force: `defaults`, overridden by the environment (`names`), overridden by `limits`. */
export function resolveLimits<L extends { [K in keyof L]: number }>(defaults: Readonly<L>, names: Readonly<Record<keyof L & string, string>>, limits: Partial<L>, env: NodeJS.ProcessEnv): L {
  return { ...defaults, ...limitsFromEnv(names, env), ...limits } as L;
}
