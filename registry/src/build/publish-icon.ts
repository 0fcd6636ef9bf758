import { ManifestError, errorIssue } from "@connectors/plugin-api";
import { toPackagePath, type PackageSnapshot } from "@connectors/harness";

/** Icon formats the catalog publishes, by extension, with their leading bytes. No SVG: it can carry script. */
const FORMATS: Record<string, (bytes: Buffer) => boolean> = {
  ".png": (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  ".jpg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  ".jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  ".gif": (b) => b.subarray(0, 4).toString("latin1") === "GIF8",
  ".webp": (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
};

/** Largest icon published, in bytes. */
export const MAX_ICON_BYTES = 256 * 1024;

/** An icon ready to publish: its package path, extension and bytes. */
export interface PackageIcon {
  path: string;
  extension: string;
  bytes: Buffer;
}

/**
 * The plugin.json `icon` of a package as the catalog publishes it: a PNG, JPEG, GIF or WebP file of
 * the package snapshot (so a regular file inside the package, never a link out of it), whose bytes
 * match its extension, at most 256 KiB. Undefined when there is no icon.
 *
 * @throws ManifestError naming `/icon` and the fix: a URL, a file that is not in the package, SVG or another format, a mismatched or oversized file
 */
export function packageIcon(snapshot: PackageSnapshot): PackageIcon | undefined {
  const icon = snapshot.manifest.icon;
  if (icon === undefined) return undefined;
  const refuse = (message: string, fix: string) => new ManifestError(snapshot.manifestFile, [errorIssue("/icon", message, fix)]);
  if (/^[a-z][a-z0-9+.-]*:/i.test(icon)) throw refuse(`"${icon}" is a URL; the catalog publishes only icon files inside the package`, 'add the image to the package and set "icon": "logo.png"');
  const path = toPackagePath(icon);
  const bytes = path ? snapshot.files.get(path) : undefined;
  if (!path || !bytes) throw refuse(`"${icon}" is not a regular file inside the package`, 'add the image to the package (not a link to a file elsewhere) or remove "icon"');
  const extension = (/\.[a-z]+$/i.exec(path)?.[0] ?? "").toLowerCase();
  const matches = FORMATS[extension];
  if (!matches) throw refuse(`"${icon}" is not a PNG, JPEG, GIF or WebP file${extension === ".svg" ? " (SVG can carry script, so the catalog does not serve it)" : ""}`, "convert it to PNG");
  if (bytes.length > MAX_ICON_BYTES) throw refuse(`"${icon}" is ${bytes.length} bytes; icons are at most ${MAX_ICON_BYTES}`, "shrink it (e.g. 256×256 PNG)");
  if (!matches(bytes)) throw refuse(`"${icon}" does not hold ${extension.slice(1).toUpperCase()} data`, "save it in the format its extension names");
  return { path, extension: extension === ".jpeg" ? ".jpg" : extension, bytes };
}
