import type { IncomingMessage } from "node:http";
import { StudioError } from "../studio-error.ts";

/**
 * Only this machine's pages may call the studio: the Host must be loopback with the studio's port
 * (no DNS rebinding), and writes must come from the studio's own origin (no cross-site requests).
 */
export function checkCaller(req: IncomingMessage, port: number): void {
  const host = req.headers.host ?? "";
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) throw new StudioError(403, `refusing Host "${host}": the studio only answers on 127.0.0.1:${port}`);
  const origin = req.headers.origin;
  if (req.method !== "GET" && origin && origin !== `http://${host}`) throw new StudioError(403, `refusing a cross-origin ${req.method} from ${origin}`);
}
