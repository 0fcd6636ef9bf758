import type { Finding } from "../types.ts";
import type { ConnectorReport, ConnectorReviewState, ReviewReport, ReviewState } from "./types.ts";
import { fingerprint } from "./fingerprint.ts";

/** The hidden marker that identifies the bot's sticky comment. */
export const COMMENT_MARKER = "<!-- plugin-review -->";
const STATE = /<!-- plugin-review-state:([A-Za-z0-9+/=]*) -->/;
const CONNECTOR_FILE = /^plugins\/([^/]+)(\/|$)/;

/**
 * A finding's identity within its connector: files inside the connector as `./<path>` (the connector
 * itself as `.`), so the same package reviewed from another place still matches.
 */
export function connectorFingerprint(finding: Finding, dir: string): string {
  const file = finding.file === dir ? "." : finding.file.startsWith(`${dir}/`) ? `./${finding.file.slice(dir.length + 1)}` : finding.file;
  return fingerprint({ ...finding, file });
}

/** A {@link connectorFingerprint} with its file as the report shows it (`plugins/x/index.ts`). */
export function reportFingerprint(print: string, dir: string): string {
  const [rule, file = "", ...message] = print.split("|");
  const shown = file === "." ? dir : file.startsWith("./") ? `${dir}/${file.slice(2)}` : file;
  return [rule, shown, ...message].join("|");
}

/** States written before they were kept per connector: regroup their fingerprints by `plugins/<slug>/`. */
function legacyConnectors(state: ReviewState | undefined): Record<string, ConnectorReviewState> {
  const connectors: Record<string, ConnectorReviewState> = {};
  for (const print of state?.fingerprints ?? []) {
    const [rule, file = "", ...message] = print.split("|");
    const slug = CONNECTOR_FILE.exec(file)?.[1];
    if (!slug) continue;
    const inside = file.slice(`plugins/${slug}`.length).replace(/^\//, "");
    const relative = inside ? `./${inside}` : ".";
    (connectors[slug] ??= { sha: state?.sha, fingerprints: [] }).fingerprints.push([rule, relative, ...message].join("|"));
  }
  return connectors;
}

/**
 * The state to remember for the next review: per connector (by slug), the commit and every finding's
 * fingerprint. Connectors the previous state knew and this review did not touch are kept, so reviewing
 * `a`, then `b`, then `a` again compares `a` with `a`.
 */
export function toReviewState(report: ReviewReport, previous?: ReviewState): ReviewState {
  const connectors: Record<string, ConnectorReviewState> = { ...(previous?.connectors ?? legacyConnectors(previous)) };
  for (const connector of report.connectors) connectors[connector.slug] = { sha: report.head, fingerprints: connector.findings.map((f) => connectorFingerprint(f, connector.dir)) };
  return { sha: report.head, fingerprints: report.connectors.flatMap((c) => c.findings.map(fingerprint)), connectors };
}

/** What the previous review said about this connector, or undefined when it never reviewed it. */
export function previousReviewOf(state: ReviewState | undefined, connector: Pick<ConnectorReport, "slug">): ConnectorReviewState | undefined {
  if (!state) return undefined;
  return (state.connectors ?? legacyConnectors(state))[connector.slug];
}

/** The hidden comment line that stores a review state. */
export function renderReviewState(state: ReviewState): string {
  return `<!-- plugin-review-state:${Buffer.from(JSON.stringify(state)).toString("base64")} -->`;
}

function isConnectorState(value: unknown): value is ConnectorReviewState {
  const state = value as ConnectorReviewState | undefined;
  return typeof state === "object" && state !== null && Array.isArray(state.fingerprints) && state.fingerprints.every((print) => typeof print === "string") && (state.sha === undefined || typeof state.sha === "string");
}

/** Checks the shape of a stored state (a local file or a sticky comment); undefined when it is not one. */
export function toValidReviewState(value: unknown): ReviewState | undefined {
  const state = value as ReviewState | undefined;
  if (typeof state !== "object" || state === null || !Array.isArray(state.fingerprints)) return undefined;
  const connectors = state.connectors;
  if (connectors !== undefined && (typeof connectors !== "object" || connectors === null || !Object.values(connectors).every(isConnectorState))) return undefined;
  return state;
}

/** Reads the state a previous sticky comment stored; undefined when absent or unreadable. */
export function parseReviewState(body: string | undefined): ReviewState | undefined {
  const encoded = body && STATE.exec(body)?.[1];
  if (!encoded) return undefined;
  try {
    return toValidReviewState(JSON.parse(Buffer.from(encoded, "base64").toString("utf8")));
  } catch {
    return undefined;
  }
}
