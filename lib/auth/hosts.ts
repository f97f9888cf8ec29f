// Which Host names the app answers to: loopback names always, plus ALLOWED_HOSTS.
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** True for an address that only this machine can reach (the HOST setting, or a Host header's name). */
export function isLoopbackHost(host: string): boolean {
  const lower = host.trim().toLowerCase();
  if (lower === "::1") return true;
  const name = lower.startsWith("[") ? lower.replace(/\]:\d+$/, "]") : lower.replace(/:\d+$/, "");
  return LOOPBACK_NAMES.includes(name) || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/** Host patterns (host, or host:port, `*` for any port) for better-auth's dynamic base URL. */
export function allowedHostPatterns(allowedHosts: string | undefined): string[] {
  const extra = (allowedHosts ?? "")
    .split(",")
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
  return [...LOOPBACK_NAMES.flatMap((name) => [name, `${name}:*`]), ...extra.flatMap((host) => (host.includes(":") ? [host] : [host, `${host}:*`]))];
}
