import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { join } from "node:path";
import { build } from "esbuild";

const PAGE_DIR = join(import.meta.dirname, "..", "page");
const FILES: Record<string, [string, string]> = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/app.css": ["app.css", "text/css; charset=utf-8"],
};

/**
 * The page: its HTML and CSS as files, its script bundled once per process by esbuild from
 * `page/main.js` together with CodeMirror 6, so everything is served from this machine (no CDN).
 */
export class PageAssets {
  #script: Promise<string> | undefined;

  /** True when the path is one of the page's assets. */
  has(path: string): boolean {
    return path in FILES || path === "/app.js";
  }

  /** Answers an asset request. */
  async serve(path: string, res: ServerResponse): Promise<void> {
    const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff" };
    if (path === "/app.js") {
      const script = await this.script();
      res.writeHead(200, { ...headers, "content-type": "text/javascript; charset=utf-8" });
      res.end(script);
      return;
    }
    const [file, type] = FILES[path]!;
    res.writeHead(200, { ...headers, "content-type": type, "content-security-policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:" });
    res.end(await readFile(join(PAGE_DIR, file)));
  }

  /** The bundled page script (built on first use). */
  script(): Promise<string> {
    this.#script ??= build({ entryPoints: [join(PAGE_DIR, "main.js")], bundle: true, write: false, format: "esm", target: "chrome110", minify: true, legalComments: "none", logLevel: "silent" })
      .then((result) => result.outputFiles[0]!.text)
      .catch((error: unknown) => {
        this.#script = undefined;
        throw error;
      });
    return this.#script;
  }
}
