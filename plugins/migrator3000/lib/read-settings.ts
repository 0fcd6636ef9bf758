/** The connector's config as plugin.json declares it. */
export interface MigratorConfig {
  host?: string;
  projectApiKey?: string;
  startDate?: string;
  debug?: "ON" | "OFF";
  posthogVersion?: string;
}

/** What setupPlugin derives from the config. */
export interface MigratorSettings {
  /** `https://<host>` without a trailing slash. */
  baseUrl: string;
  host: string;
  startDate: string | null;
  debug: boolean;
  major: number;
  minor: number;
}

/**
 * Reads the config: `startDate` as ISO (`2021-10-26` -> `2021-10-26T00:00:00.000Z`), the version as
 * major/minor (`Latest` and `1.30.0+` are 1.31).
 *
 * @throws Error for a start date that is not a date, or a version that is not x.y.z
 */
export function readSettings(config: MigratorConfig): MigratorSettings {
  let startDate: string | null = null;
  if (config.startDate) {
    const date = new Date(config.startDate);
    if (Number.isNaN(date.getTime())) throw new Error(`Invalid start date ${JSON.stringify(config.startDate)}`);
    startDate = date.toISOString();
  }
  let major = 1;
  let minor = 31;
  const version = config.posthogVersion ?? "Latest";
  if (version !== "Latest" && version !== "1.30.0+") {
    const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
    if (!match) throw new Error(`Invalid PostHog version ${JSON.stringify(version)}; use x.y.z or Latest`);
    major = Number(match[1]);
    minor = Number(match[2]);
  }
  const host = (config.host ?? "").trim().replace(/^https?:\/\//, "").replace(/\/+$/, "");
  return { baseUrl: `https://${host}`, host, startDate, debug: config.debug === "ON", major, minor };
}
