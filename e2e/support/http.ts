// Raw HTTP against the app, for what Playwright's request fixture cannot send: any Host header,
// no Content-Type, invalid bytes, a body in chunks with no Content-Length.
import { request as httpRequest, createServer, type IncomingHttpHeaders, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { APP_PORT } from "../../playwright.config";

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in chunks (Transfer-Encoding: chunked) with no Content-Length. */
  chunked?: boolean;
  host?: string;
  port?: number;
}

export function rawRequest({ method = "GET", path, headers = {}, body, chunked = false, host = "127.0.0.1", port = APP_PORT }: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = { ...headers };
    if (body !== undefined && !chunked) outgoing["content-length"] = String(Buffer.byteLength(body));
    const req = httpRequest({ host, port, method, path, headers: outgoing, setHost: !("host" in headers) && !("Host" in headers) }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path}: no answer in 60 s`)));
    if (body === undefined) {
      req.end();
    } else if (chunked) {
      // Several writes, so the body really arrives in pieces.
      const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
      const size = 256 * 1024;
      for (let offset = 0; offset < bytes.length; offset += size) req.write(bytes.subarray(offset, offset + size));
      req.end();
    } else {
      req.end(body);
    }
  });
}

/** Starts a tiny HTTP server on a free loopback port (another origin than the app). */
export async function startServer(handler: RequestListener): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The app's JSON error shape: {error: {code: "type:surface", message, retryable}}. */
export function isErrorShape(value: unknown): boolean {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  if (typeof error !== "object" || error === null) return false;
  const { code, message, retryable } = error as Record<string, unknown>;
  return typeof code === "string" && /^[a-z_]+:[a-z]+$/.test(code) && typeof message === "string" && message.trim().length > 0 && typeof retryable === "boolean";
}
