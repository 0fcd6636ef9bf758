import type { Properties } from "@posthog/plugin-scaffold";

function isPlainObject(value: unknown): value is Properties {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A copy of `root` without the key at `path` (`["user", "address", "street"]`), rebuilding copies of
 * the objects along the path and keeping every sibling. When an intermediate value is missing or not an
 * object, or the leaf key is absent, `root` itself is returned unchanged. Never mutates its input.
 */
export function removePath(root: Properties, path: readonly string[]): Properties {
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(root, head)) return root;
  if (rest.length === 0) {
    const { [head]: _removed, ...kept } = root;
    return kept;
  }
  const child: unknown = root[head];
  if (!isPlainObject(child)) return root;
  const updated = removePath(child, rest);
  return updated === child ? root : { ...root, [head]: updated };
}
