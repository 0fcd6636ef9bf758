import ivm from "isolated-vm";

/** Code caches kept (prelude + one per distinct connector bundle); the oldest goes first past this. */
const MAX_CACHED_SCRIPTS = 128;
const caches = new Map<string, ivm.ExternalCopy<ArrayBuffer>>();

/**
 * Compiles `code` in `isolate`, reusing V8's code cache from an earlier compile of the same source in any
 * isolate of this process (isolated-vm's `cachedData`), so the prelude and each connector bundle are parsed
 * once per process, not once per config. Safe to share: the cache is data V8 produced itself for this exact
 * source, V8 checks it against the source and its own version and flags (`cachedDataRejected`, then it just
 * compiles), and it holds code, never objects or state of the isolate that made it.
 *
 * @throws what `compileScriptSync` throws for a syntax error
 */
export function compileCached(isolate: ivm.Isolate, code: string, filename: string): ivm.Script {
  const key = `${filename}\n${code}`;
  const cachedData = caches.get(key);
  if (cachedData) {
    const script = isolate.compileScriptSync(code, { filename, cachedData }) as ivm.Script & CachedOutcome;
    if (script.cachedDataRejected) caches.delete(key);
    return script;
  }
  const script = isolate.compileScriptSync(code, { filename, produceCachedData: true }) as ivm.Script & CachedOutcome;
  if (script.cachedData) {
    if (caches.size >= MAX_CACHED_SCRIPTS) caches.delete(caches.keys().next().value!);
    caches.set(key, script.cachedData);
  }
  return script;
}

/** What isolated-vm sets on a script compiled with cachedData / produceCachedData. */
interface CachedOutcome {
  cachedData?: ivm.ExternalCopy<ArrayBuffer>;
  cachedDataRejected?: boolean;
}
