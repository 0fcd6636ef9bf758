import type { StorageExtension } from "@posthog/plugin-scaffold";
import type { Star } from "./github-api.ts";

/**
 * Where the import stands: the newest `starred_at` captured (`lastCapturedTime-<id>`, the original's key)
 * and the ids of the users captured at exactly that time (so two stars in the same second across a
 * page boundary or a crash are neither lost nor repeated).
 */
export class StarCursor {
  last: string | null = null;
  idsAtLast: number[] = [];

  constructor(
    private readonly storage: StorageExtension,
    private readonly projectId: number,
  ) {}

  async load(): Promise<this> {
    this.last = (await this.storage.get(`lastCapturedTime-${this.projectId}`, null)) as string | null;
    this.idsAtLast = ((await this.storage.get(`lastCapturedIds-${this.projectId}`, [])) as number[]) ?? [];
    return this;
  }

  /** True when the star was not captured yet. */
  isNew(star: Star): boolean {
    if (this.last === null) return true;
    const at = Date.parse(star.starred_at);
    const last = Date.parse(this.last);
    return at > last || (at === last && !this.idsAtLast.includes(userId(star)));
  }

  /** Records a captured star (stored at once, so a crash later in the page loses and repeats nothing). */
  async advance(star: Star): Promise<void> {
    if (this.last !== null && Date.parse(star.starred_at) === Date.parse(this.last)) this.idsAtLast = [...this.idsAtLast, userId(star)];
    else if (this.last === null || Date.parse(star.starred_at) > Date.parse(this.last)) {
      this.last = star.starred_at;
      this.idsAtLast = [userId(star)];
      await this.storage.set(`lastCapturedTime-${this.projectId}`, this.last);
    }
    await this.storage.set(`lastCapturedIds-${this.projectId}`, this.idsAtLast);
  }
}

/** The stargazer's id (0 for a deleted "ghost" user GitHub returns as null). */
function userId(star: Star): number {
  return star.user?.id ?? 0;
}
