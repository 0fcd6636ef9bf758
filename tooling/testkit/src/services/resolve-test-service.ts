import { ServiceUnavailableError } from "./service-unavailable-error.ts";
import { leaseSharedService, type ServiceLauncher } from "./shared-service.ts";
import type { TestServiceInfo } from "./test-service-info.ts";

/** A service resolved for a test run, and how to let go of it at the end. */
export interface ResolvedTestService {
  info: TestServiceInfo;
  /** Ends the run's lease (the last one stops a server the run started); a no-op for a URL from the environment. */
  release: () => Promise<void>;
}

/** What {@link resolveTestService} needs. */
export interface ResolveTestServiceOptions {
  /** The variable that names an existing server, e.g. "PG_TEST_URL". */
  envVar: string;
  launcher: ServiceLauncher;
  env?: NodeJS.ProcessEnv;
  /** Parent of the shared state directory (default: the OS temp dir). */
  root?: string;
}

/**
 * The server a test run uses for one service: the URL in `envVar` when set, else the run's shared server
 * (started on first use, see {@link leaseSharedService}). When that cannot run here, the info says
 * "skipped: …" with the fix — except under `CI`, where a missing service fails the run instead of
 * silently skipping its suites.
 *
 * @param options - the variable, the launcher and (for tests) the environment and state root
 */
export async function resolveTestService(options: ResolveTestServiceOptions): Promise<ResolvedTestService> {
  const env = options.env ?? process.env;
  const url = env[options.envVar];
  if (url) return { info: { url, origin: options.envVar }, release: async () => undefined };
  try {
    const lease = await leaseSharedService(options.launcher, options.root);
    return { info: { url: lease.service.url, origin: lease.service.origin }, release: lease.release };
  } catch (error) {
    const skipped = error instanceof ServiceUnavailableError ? error.message : `skipped: the test ${options.launcher.name} server did not start (${(error as Error).message.split("\n")[0]}); set ${options.envVar} to a running server`;
    if (env.CI) throw new Error(`CI needs a real ${options.launcher.name} server but: ${skipped}`, { cause: error });
    return { info: { skipped }, release: async () => undefined };
  }
}
