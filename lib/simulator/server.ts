// The offline DeepSeek simulator: an HTTP server speaking the chat-completions
// protocol closely enough that the real provider client cannot tell.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { isIP, type AddressInfo } from "node:net";
import { checkAuth, handleChatCompletion, type SimState } from "./completion";
import { FaultRegistry } from "./faults";
import { BodyTooLargeError, readBody, sendJson } from "./http-io";
import { AttemptCounter } from "./attempts";
import { PrefixCache } from "./prefix-cache";
import { buildModelList, errorBody } from "./protocol";
import { CONTROL_PREFIX, handleControl, RequestLog } from "./test-controls";

export interface SimulatorOptions {
  /** 0 picks a free port. Default 4010. */
  port?: number;
  host?: string;
  /**
   * Enables the /__sim fault and request-log endpoints (they read back what was sent upstream and
   * change answers). Refused unless `host` is a loopback address.
   */
  testControls?: boolean;
  /** Pacing multiplier: 4 streams four times faster. Default 1. */
  speed?: number;
  /** One line per request on stdout. */
  log?: boolean;
}

export interface RunningSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x: addresses only this machine can reach. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(bare) === 4) return bare.startsWith("127.");
  if (isIP(bare) === 6) return bare === "::1" || bare === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(bare);
  return false;
}

/** A host the test controls may be served on: a loopback address, or the name localhost. */
function isLoopbackHostOption(host: string): boolean {
  return host.toLowerCase() === "localhost" || isLoopbackAddress(host);
}

const COMPLETION_PATHS = new Set(["/chat/completions", "/v1/chat/completions"]);
const MODEL_PATHS = new Set(["/models", "/v1/models"]);

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = opts.host ?? "127.0.0.1";
  const speed = opts.speed !== undefined && opts.speed > 0 ? opts.speed : 1;
  const testControls = opts.testControls === true;
  if (testControls && !isLoopbackHostOption(host)) {
    throw new Error(
      `The simulator's test controls read back and alter what it serves: they only run on a loopback address (127.0.0.1, ::1, localhost), not on "${host}".`,
    );
  }
  const state: SimState = {
    cache: new PrefixCache(),
    attempts: new AttemptCounter(),
    faults: new FaultRegistry(),
    requests: testControls ? new RequestLog() : undefined,
    speed,
    log: opts.log === true ? (line) => console.log(`[simulator] ${line}`) : () => {},
  };

  // Served only once the bound address is known to be loopback.
  let controlsOpen = false;

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://simulator");
    const path = url.pathname.replace(/\/+$/, "") || "/";

    if (path === "/health" && method === "GET") return sendJson(res, 200, { ok: true });

    if (MODEL_PATHS.has(path) && method === "GET") {
      const authError = checkAuth(req.headers.authorization);
      if (authError) return sendJson(res, 401, errorBody(authError, "authentication_error"));
      return sendJson(res, 200, buildModelList());
    }

    if (COMPLETION_PATHS.has(path)) {
      if (method !== "POST") return sendJson(res, 405, errorBody("Method Not Allowed"));
      return handleChatCompletion(state, req, res, path, await readBody(req));
    }

    if (controlsOpen && state.requests && url.pathname.startsWith(CONTROL_PREFIX)) {
      const body = method === "POST" ? await readBody(req) : "";
      if (handleControl({ faults: state.faults, requests: state.requests }, method, url, body, res)) return;
    }

    sendJson(res, 404, errorBody("Not Found"));
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) return sendJson(res, 413, errorBody(error.message));
      state.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, errorBody("Internal Server Error", "server_error"));
      else res.destroy();
    });
  });
  // Long generations at speed 1 can exceed Node's default request timeouts.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 4010, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  if (testControls && !isLoopbackAddress(bound.address)) {
    // "localhost" resolved to something else: close before anything is served.
    server.close();
    throw new Error(`The simulator's test controls only run on a loopback address, and "${host}" is ${bound.address}.`);
  }
  controlsOpen = testControls;
  const port = bound.port;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Streams in flight must not keep the server open.
        server.closeAllConnections();
      }),
  };
}
