import { createRequire } from "node:module";

type Vi = Record<string, any> & { fn: (...args: any[]) => any; setConfig(config: object): void };

/** A mock implementation that also works with `new` (an arrow function cannot be a constructor). */
function constructible(implementation: unknown): unknown {
  if (typeof implementation !== "function") return implementation;
  return function (this: unknown, ...args: unknown[]) {
    return (implementation as (...a: unknown[]) => unknown).apply(this, args);
  };
}

/** Wraps a Vitest mock so implementations set later are constructible too. */
const JEST_MOCK = Symbol("jestMock");

function jestMock(mock: any): any {
  if (mock[JEST_MOCK]) return mock;
  mock[JEST_MOCK] = true;
  for (const name of ["mockImplementation", "mockImplementationOnce"]) {
    const original = mock[name].bind(mock);
    mock[name] = (implementation: unknown) => (original(constructible(implementation)), mock);
  }
  return mock;
}

function unsupported(name: string): () => never {
  return () => {
    throw new Error(`${name} is not supported by the jest preset; use jest.mock(name) (automock) or jest.mock(name, factory)`);
  };
}

function isolationUnsupported(): never {
  throw new Error("jest.isolateModules is not supported by the jest preset (require() is resolved once per test file); use jest.resetModules() with a dynamic import(), or move the case into its own test file");
}

/**
 * The `jest` object of a jest-era suite, on top of Vitest's `vi`: `jest.fn(() => obj)` can be called
 * with `new` (it returns `obj`, as jest did), `jest.setTimeout`, `jest.requireActual` (Node's require,
 * for real packages), `jest.useFakeTimers('modern' | 'legacy')` and the rest of the timer and mock
 * API under jest's names. `jest.mock` calls are hoisted by the preset's transform.
 */
export function createJestObject(vi: Vi, testFile: () => string | undefined): Record<string, unknown> {
  const jest: Record<string, unknown> = Object.create(vi);
  Object.assign(jest, {
    fn: (implementation?: unknown) => jestMock(implementation === undefined ? vi.fn() : vi.fn(constructible(implementation) as (...a: unknown[]) => unknown)),
    setTimeout: (ms: number) => vi.setConfig({ testTimeout: ms, hookTimeout: ms }),
    requireActual: (specifier: string) => createRequire(testFile() ?? `${process.cwd()}/`)(specifier),
    useFakeTimers: (config?: unknown) => vi.useFakeTimers(typeof config === "object" && config !== null ? (config as object) : undefined),
    genMockFromModule: unsupported("jest.genMockFromModule"),
    createMockFromModule: unsupported("jest.createMockFromModule"),
    // require() calls become static imports, so there is no per-callback module registry to isolate.
    isolateModules: isolationUnsupported,
    retryTimes: () => jest,
  });
  return jest;
}
