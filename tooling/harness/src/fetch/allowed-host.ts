/** The port each scheme the harness connects with uses when a URL names none. */
export const DEFAULT_PORTS: Readonly<Record<string, number>> = { "http:": 80, "https:": 443, "postgres:": 5432, "postgresql:": 5432 };

/** One allow-list entry: `api.example.com`, `api.example.com:8443`, `*.example.com` or `*.example.com:5439`. */
interface AllowedHost {
  /** Lower-cased host name without the `*.` of a subdomain pattern. */
  name: string;
  subdomains: boolean;
  port: number | undefined;
}

const cache = new Map<string, AllowedHost>();

function splitPort(entry: string): { host: string; port: number | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] === undefined ? undefined : Number(bracketed[2]) };
  const colon = entry.lastIndexOf(":");
  if (colon === -1 || entry.indexOf(":") !== colon || !/^\d{1,5}$/.test(entry.slice(colon + 1))) return { host: entry, port: undefined };
  return { host: entry.slice(0, colon), port: Number(entry.slice(colon + 1)) };
}

function parseAllowedHost(entry: string): AllowedHost {
  let parsed = cache.get(entry);
  if (!parsed) {
    const { host, port } = splitPort(entry.trim().toLowerCase());
    const subdomains = host.startsWith("*.");
    parsed = { name: (subdomains ? host.slice(2) : host).replace(/\.$/, ""), subdomains, port };
    if (cache.size > 10_000) cache.clear();
    cache.set(entry, parsed);
  }
  return parsed;
}

/**
 * True when an allow-list entry admits `hostname:port`. An entry without a port admits only the
 * default port of the connection's scheme (`api.example.com` admits https on 443 and http on 80,
 * never `api.example.com:8443`); `*.example.com` admits subdomains of example.com, not example.com.
 *
 * @example
 * allowsHost("api.example.com:8443", "api.example.com", 8443, 443) // true
 * allowsHost("api.example.com", "api.example.com", 8443, 443)      // false
 */
export function allowsHost(entry: string, hostname: string, port: number, defaultPort: number): boolean {
  const allowed = parseAllowedHost(entry);
  if (port !== (allowed.port ?? defaultPort)) return false;
  const name = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  return allowed.subdomains ? name.endsWith(`.${allowed.name}`) : name === allowed.name;
}
