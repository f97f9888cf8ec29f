/**
 * Where the web app listens, and what the launcher says about it. Loopback (127.0.0.1) unless
 * HOST says otherwise: a chat app with your API key behind it is not opened to the network by
 * accident.
 */
import { formatHostPort, isLoopbackHost, type HostAndPort } from "@/lib/net/hosts";

export interface ListenSettings {
  HOST: string;
  PORT: number;
  ALLOWED_HOSTS: readonly HostAndPort[];
}

/** The arguments for `next start` / `next dev`. */
export function nextArgs(settings: Pick<ListenSettings, "HOST" | "PORT">, dev: boolean): string[] {
  return [dev ? "dev" : "start", "-H", settings.HOST, "-p", String(settings.PORT)];
}

/** The address the app is opened at, e.g. `http://127.0.0.1:3000` or `http://[::1]:3000`. */
export function appUrl(settings: Pick<ListenSettings, "HOST" | "PORT">): string {
  return `http://${formatHostPort(settings.HOST, settings.PORT)}`;
}

function describeAllowed(allowed: readonly HostAndPort[]): string {
  return allowed.map((entry) => (entry.port ? `${entry.hostname}:${entry.port}` : entry.hostname)).join(", ");
}

/** The start-up line: the real address, and who can reach it. */
export function listeningNotice(settings: ListenSettings): string {
  const url = appUrl(settings);
  if (isLoopbackHost(settings.HOST)) {
    return `V4 Chat on ${url} (this machine only; set HOST=0.0.0.0 to open it to the network)`;
  }
  if (settings.ALLOWED_HOSTS.length === 0) {
    return (
      `V4 Chat on ${url} (open to the network, sign-in required, but it answers only to localhost: ` +
      `set ALLOWED_HOSTS to the names or addresses people use to reach it, e.g. ALLOWED_HOSTS=chat.example.lan:${settings.PORT})`
    );
  }
  return `V4 Chat on ${url} (open to the network, sign-in required; it answers to localhost and ${describeAllowed(settings.ALLOWED_HOSTS)})`;
}
