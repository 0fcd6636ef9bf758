import type { PluginFetch } from "@posthog/plugin-scaffold";

/** The `data.attributes` of an Orbit workspace report. */
export type ReportAttributes = Record<string, unknown> & {
  workspace_id?: string;
  timeframe?: { start_date?: string; end_date?: string; start_date_last?: string; end_date_last?: string };
};

/** Workspace ids from the comma-separated config value, trimmed, empty entries left out. */
export function parseWorkspaces(value: string): string[] {
  return value.split(",").map((id) => id.trim()).filter(Boolean);
}

/** The report of a workspace; throws `Orbit report failed for workspace <id>: status=<status>` when unreadable. */
export async function fetchReport(fetch: PluginFetch, workspace: string, apiKey: string): Promise<ReportAttributes> {
  let response: Response;
  try {
    response = await fetch(`https://app.orbit.love/api/v1/${encodeURIComponent(workspace)}/reports`, { headers: { Authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(20_000) });
  } catch (error) {
    throw new Error(`Orbit report failed for workspace ${workspace}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const body = (response.ok ? await response.json().catch(() => null) : null) as { data?: { attributes?: ReportAttributes } } | null;
  const attributes = body?.data?.attributes;
  if (!attributes || typeof attributes !== "object") throw new Error(`Orbit report failed for workspace ${workspace}: status=${response.status}`);
  return attributes;
}

/** The three events of a report: `report type` first, the section's fields, then the shared fields (which win). */
export function reportEvents(attributes: ReportAttributes): Array<Record<string, unknown>> {
  const shared = {
    workspace: attributes.workspace_id,
    timeframe_start_date: attributes.timeframe?.start_date,
    timeframe_end_date: attributes.timeframe?.end_date,
    timeframe_start_date_last: attributes.timeframe?.start_date_last,
    timeframe_end_date_last: attributes.timeframe?.end_date_last,
  };
  return (["overview", "members", "activities"] as const).map((type) => {
    const section = attributes[type];
    return { "report type": type, ...(section && typeof section === "object" ? section : {}), ...shared };
  });
}
