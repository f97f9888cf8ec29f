/**
 * The request guards proxy.ts applies before any page or route runs, as pure functions:
 *
 * - Host: only loopback names and ALLOWED_HOSTS (DNS rebinding gets a 421);
 * - address: a path with broken %-escapes is a 400 (Next.js would fail on it with a 500);
 * - cross-site: a mutation sent by a browser from another site is refused (Sec-Fetch-Site, else
 *   Origin); a client that sends neither (curl, scripts, the test runner) is not a browser and
 *   passes;
 * - type and size: an API body must be JSON (415) and within MAX_REQUEST_BYTES by its
 *   Content-Length (413; readJson counts the bytes of bodies that name no length).
 *
 * Each refusal is a ChatError, answered in the app's JSON error shape for /api and as plain text
 * for pages.
 */
import { ChatError } from "@/lib/errors";
import { isAllowedHostHeader, parseHost, type HostAndPort } from "@/lib/net/hosts";

export interface GuardSettings {
  allowedHosts: readonly HostAndPort[];
  maxRequestBytes: number;
  /** Largest body of an upload route (DOCUMENT_MAX_BYTES); defaults to maxRequestBytes. */
  maxUploadBytes?: number;
}

/**
 * The routes that take a file's raw bytes instead of JSON. Their body must be
 * `application/octet-stream`, which, like JSON, a form or a simple cross-site request cannot send.
 */
const UPLOAD_PATHS: ReadonlySet<string> = new Set(["/api/documents", "/api/images"]);

export function isUploadPath(pathname: string): boolean {
  return UPLOAD_PATHS.has(pathname);
}

export function isOctetStreamContentType(header: string | null): boolean {
  return header?.split(";")[0]?.trim().toLowerCase() === "application/octet-stream";
}

/** An upload's size and type: a file's bytes, within the upload limit. */
export function checkUpload(request: GuardedRequest, limit: number): ChatError | undefined {
  const length = checkContentLength(request.headers.get("content-length"), limit);
  if (length) {
    // Both upload routes share the limit; the words name what this one takes.
    const what = request.pathname === "/api/images" ? "images" : "documents";
    return length.type === "payload_too_large"
      ? new ChatError("payload_too_large:request", `The file is too large: ${what} can be at most ${formatBytes(limit)} (DOCUMENT_MAX_BYTES).`)
      : length;
  }
  if (!hasBody(request.headers) || isOctetStreamContentType(request.headers.get("content-type"))) return undefined;
  const sent = request.headers.get("content-type");
  return new ChatError(
    "unsupported_media_type:request",
    `Send the file's bytes as the body (Content-Type: application/octet-stream)${sent ? `, not ${quoted(sent)}` : ""}.`,
  );
}

/** What the guards look at: enough of a Request (or NextRequest) to test without a server. */
export interface GuardedRequest {
  method: string;
  /** The URL path, e.g. `/api/chat`. */
  pathname: string;
  headers: { get(name: string): string | null };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Anything but GET, HEAD and OPTIONS can change something. */
export function isMutation(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/** A value from the request, shortened for an error message. */
function quoted(value: string): string {
  const clean = value.replace(/[^\x20-\x7e]/g, "?");
  return `"${clean.length > 80 ? `${clean.slice(0, 80)}…` : clean}"`;
}

/**
 * Refuses an address with broken %-escapes (`/c/%ZZ`): Next.js cannot decode its route parameters
 * and would answer 500.
 */
export function checkPath(pathname: string): ChatError | undefined {
  try {
    decodeURIComponent(pathname);
    return undefined;
  } catch {
    return new ChatError("bad_request:request", "The address is not valid: it has a malformed %-escape.");
  }
}

/** Refuses a Host header that names neither this machine nor an entry of ALLOWED_HOSTS. */
export function checkHost(hostHeader: string | null, settings: Pick<GuardSettings, "allowedHosts">): ChatError | undefined {
  if (isAllowedHostHeader(hostHeader, settings.allowedHosts)) return undefined;
  const name = hostHeader ? quoted(hostHeader) : "(none)";
  return new ChatError(
    "misdirected:request",
    `V4 Chat does not answer to the host name ${name}. It answers to localhost, 127.0.0.1 and [::1], ` +
      "and to the names listed in ALLOWED_HOSTS (comma-separated host or host:port). " +
      "If you opened it to the network (HOST=0.0.0.0) and reach it by this name, add the name to ALLOWED_HOSTS.",
  );
}

/**
 * The origin (scheme://host[:port]) the browser addressed, as far as the server can tell: the Host
 * header, with either scheme (a TLS proxy in front does not change who is asking).
 */
function sameHost(origin: string, hostHeader: string | null): boolean {
  if (!hostHeader) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, privacy redirects) and garbage are not this site
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.origin !== origin.trim()) return false; // an Origin header is exactly scheme://host[:port]
  const host = parseHost(hostHeader);
  if (!host) return false;
  const originPort = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
  const hostPort = host.port ?? originPort;
  return url.hostname === host.hostname && originPort === hostPort;
}

const FETCH_SITES_ALLOWED = new Set(["same-origin", "none"]);

/**
 * Refuses a mutation a browser sent from another site. Browsers send Sec-Fetch-Site on every
 * request (or, older ones, Origin on every cross-site POST); with neither header the sender is
 * not a browser, and cannot be made to act for a visitor of a hostile page.
 */
export function checkCrossSite(request: GuardedRequest): ChatError | undefined {
  if (!isMutation(request.method)) return undefined;
  const fetchSite = request.headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (fetchSite) {
    if (FETCH_SITES_ALLOWED.has(fetchSite)) return undefined;
    return new ChatError(
      "forbidden:request",
      `Refused: this request was sent from another site (Sec-Fetch-Site: ${quoted(fetchSite)}). V4 Chat only accepts changes made from its own pages.`,
    );
  }
  const origin = request.headers.get("origin");
  if (origin === null) return undefined;
  if (sameHost(origin, request.headers.get("host"))) return undefined;
  return new ChatError(
    "forbidden:request",
    `Refused: this request was sent from another origin (Origin: ${quoted(origin)}). V4 Chat only accepts changes made from its own pages.`,
  );
}

/** "16 MiB", "1.5 KiB", "900 bytes". */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 ? String(value) : Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}

export function tooLarge(limit: number): ChatError {
  return new ChatError(
    "payload_too_large:request",
    `The request is too large: the server accepts at most ${formatBytes(limit)} (MAX_REQUEST_BYTES).`,
  );
}

/** Refuses a body whose declared length exceeds the limit; a malformed length is a bad request. */
export function checkContentLength(header: string | null, limit: number): ChatError | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (!/^\d+$/.test(text)) return new ChatError("bad_request:request", "The request's Content-Length is not a number.");
  if (Number(text) > limit) return tooLarge(limit);
  return undefined;
}

/** Whether the request carries a body (a length above zero, or one sent in chunks). */
export function hasBody(headers: GuardedRequest["headers"]): boolean {
  const length = headers.get("content-length");
  if (length !== null && length.trim() !== "0") return true;
  return headers.get("transfer-encoding") !== null;
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export function isJsonContentType(header: string | null): boolean {
  if (header === null) return false;
  const essence = header.split(";")[0]?.trim().toLowerCase();
  return essence === "application/json";
}

/** An API body must be JSON: a form or text/plain body is what a cross-site page can send without asking. */
export function checkContentType(request: GuardedRequest): ChatError | undefined {
  if (!isMutation(request.method) || !hasBody(request.headers)) return undefined;
  if (isJsonContentType(request.headers.get("content-type"))) return undefined;
  const sent = request.headers.get("content-type");
  return new ChatError(
    "unsupported_media_type:request",
    `Send the request body as JSON (Content-Type: application/json)${sent ? `, not ${quoted(sent)}` : ""}.`,
  );
}

/**
 * All the guards, in order: the first refusal, or undefined when the request may go on.
 * Pages get the Host and cross-site checks; API routes also the type and size checks.
 */
export function guardRequest(request: GuardedRequest, settings: GuardSettings): ChatError | undefined {
  const host = checkHost(request.headers.get("host"), settings);
  if (host) return host;
  const address = checkPath(request.pathname);
  if (address) return address;
  const crossSite = checkCrossSite(request);
  if (crossSite) return crossSite;
  if (!isApiPath(request.pathname) || !isMutation(request.method)) return undefined;
  if (request.method.toUpperCase() === "POST" && isUploadPath(request.pathname)) {
    return checkUpload(request, settings.maxUploadBytes ?? settings.maxRequestBytes);
  }
  return checkContentLength(request.headers.get("content-length"), settings.maxRequestBytes) ?? checkContentType(request);
}

/** The refusal as the client reads it: the JSON error shape for the API, plain text for pages. */
export function refusalResponse(error: ChatError, pathname: string): Response {
  if (isApiPath(pathname)) return error.toResponse();
  return new Response(`${error.message}\n`, {
    status: error.status,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}
