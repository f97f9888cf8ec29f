/**
 * Host names and addresses: parsing a Host header or a setting (`host` or `host:port`), telling
 * loopback names apart, and matching a request's Host against ALLOWED_HOSTS. No dependencies, so
 * the launcher, the proxy and the accounts code can all use it.
 */

export interface HostAndPort {
  /** Lowercase, normalised as browsers do (`127.1` → `127.0.0.1`, IPv6 compressed and in brackets). */
  hostname: string;
  /** Absent when the value names no port. */
  port?: number;
}

/**
 * Parses `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address (settings only).
 * Undefined for anything else: paths, credentials, spaces, bad ports, empty names.
 */
export function parseHost(value: string): HostAndPort | undefined {
  const text = value.trim();
  if (text === "" || text.length > 300 || /[\s/\\?#@]/.test(text)) return undefined;
  let host: string;
  let portText: string | undefined;
  if (text.startsWith("[")) {
    const end = text.indexOf("]");
    if (end < 0) return undefined;
    host = text.slice(0, end + 1);
    const rest = text.slice(end + 1);
    if (rest !== "") {
      if (!rest.startsWith(":")) return undefined;
      portText = rest.slice(1);
    }
  } else {
    const colons = text.split(":").length - 1;
    if (colons > 1) host = `[${text}]`; // a bare IPv6 address, as HOST=::1 is written
    else if (colons === 1) [host = "", portText] = text.split(":");
    else host = text;
  }
  if (host === "" || host === "[]") return undefined;
  let port: number | undefined;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText)) return undefined;
    port = Number(portText);
    if (port < 1 || port > 65535) return undefined;
  }
  let hostname: string;
  try {
    // The WHATWG URL parser normalises names the way the browser that sent them did.
    const url = new URL(`http://${host}/`);
    if (url.username || url.password || url.port || url.pathname !== "/") return undefined;
    hostname = url.hostname;
  } catch {
    return undefined;
  }
  if (hostname === "") return undefined;
  return port === undefined ? { hostname } : { hostname, port };
}

/** A normalised host name (from parseHost) that always means this machine. */
function isLoopbackHostname(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname === "localhost." ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) ||
    hostname === "[::1]" ||
    /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(hostname) // ::ffff:127.x.y.z
  );
}

/**
 * True when `host` (a name or address, with or without a port) can only be reached from this
 * machine: `localhost`, `127.0.0.0/8`, `::1`. `0.0.0.0` and `::` (every interface) are not.
 */
export function isLoopbackHost(host: string): boolean {
  const parsed = parseHost(host);
  return parsed !== undefined && isLoopbackHostname(parsed.hostname);
}

/** Parses ALLOWED_HOSTS: comma-separated `host` (any port) or `host:port`. Throws on a malformed entry. */
export function parseAllowedHosts(value: string | undefined): HostAndPort[] {
  if (value === undefined) return [];
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  return entries.map((entry) => {
    const parsed = parseHost(entry);
    if (!parsed) throw new Error(`"${entry}" is not a host name or host:port`);
    return parsed;
  });
}

/** Ports a Host header without one can mean (the scheme's default). */
const DEFAULT_PORTS = new Set([80, 443]);

/**
 * Whether a request's Host header names this server: a loopback name (any port), or an entry
 * of ALLOWED_HOSTS (without a port: any port; with one: that port).
 */
export function isAllowedHostHeader(hostHeader: string | null | undefined, allowed: readonly HostAndPort[]): boolean {
  if (!hostHeader) return false;
  const host = parseHost(hostHeader);
  // A Host header is never a bare IPv6 address: that is a malformed request.
  if (!host || (!hostHeader.trim().startsWith("[") && hostHeader.split(":").length > 2)) return false;
  if (isLoopbackHostname(host.hostname)) return true;
  return allowed.some(
    (entry) =>
      entry.hostname === host.hostname &&
      (entry.port === undefined || entry.port === host.port || (host.port === undefined && DEFAULT_PORTS.has(entry.port))),
  );
}

/** `host:port` as it goes into a URL (IPv6 in brackets). */
export function formatHostPort(host: string, port: number): string {
  const parsed = parseHost(host);
  const name = parsed ? parsed.hostname : host;
  return `${name}:${port}`;
}
