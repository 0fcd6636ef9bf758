import { watch, type FSWatcher } from "node:fs";
import type { EventHub } from "../http/event-hub.ts";

const IGNORED = /(^|\/)(node_modules|\.git|coverage|test-results)(\/|$)|\.tmp$|\.vitest-report\.json$/;

/**
 * Tells the page when a package file changes on disk (an editor elsewhere, git, a formatter) so
 * it reloads untouched files and re-runs: the `change` event names the connector and the file.
 */
export class PackageWatcher {
  readonly #watchers: FSWatcher[] = [];
  readonly #hub: EventHub;

  constructor(hub: EventHub) {
    this.#hub = hub;
  }

  /** Watches `plugins/` (ids are the first path segment) or one opened folder (id = the folder). */
  add(dir: string, id?: string): void {
    try {
      this.#watchers.push(
        watch(dir, { recursive: true }, (_, name) => {
          const file = String(name ?? "").split("\\").join("/");
          if (!file || IGNORED.test(file)) return;
          const [first, ...rest] = file.split("/");
          this.#hub.publish("change", id ? { id, path: file } : { id: first, path: rest.join("/") });
        }),
      );
    } catch {
      // recursive watching unsupported here: the page still reloads on demand
    }
  }

  /** Stops watching. */
  close(): void {
    for (const watcher of this.#watchers) watcher.close();
  }
}
