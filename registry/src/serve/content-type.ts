import { extname } from "node:path";

const TYPES: Record<string, string> = {
  ".json": "application/json; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".sig": "text/plain; charset=utf-8",
  ".pem": "application/x-pem-file",
  ".md": "text/markdown; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
};

/** The Content-Type the mirror sends for a file, by extension (`application/octet-stream` when unknown). */
export function contentTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** True for types worth gzipping (text, JSON, JavaScript, SVG). */
export function isCompressible(type: string): boolean {
  return /^(text\/|application\/(json|x-pem-file)|image\/svg\+xml)/.test(type);
}
