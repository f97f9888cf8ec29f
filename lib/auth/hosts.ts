// Which Host names the app answers to: loopback names always, plus ALLOWED_HOSTS (parsed by lib/env).
import type { HostAndPort } from "@/lib/net/hosts";

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** Host patterns (host, or host:port, `*` for any port) for better-auth's dynamic base URL. */
export function allowedHostPatterns(allowedHosts: readonly HostAndPort[]): string[] {
  return [
    ...LOOPBACK_NAMES.flatMap((name) => [name, `${name}:*`]),
    ...allowedHosts.flatMap(({ hostname, port }) => (port === undefined ? [hostname, `${hostname}:*`] : [`${hostname}:${port}`])),
  ];
}
