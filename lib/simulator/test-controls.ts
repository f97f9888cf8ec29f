// Test-only HTTP controls under /__sim: register faults and read back the
// exact request bodies the simulator received. Mounted only when enabled.
import type { ServerResponse } from "node:http";
import { FaultRegistry, faultRegistrationSchema } from "./faults";
import { sendJson } from "./http-io";
import { describeIssue, errorBody, lastUserText } from "./protocol";

export interface LoggedRequest {
  receivedAt: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** The most recent chat requests (bounded), searchable by last user message. */
export class RequestLog {
  private entries: LoggedRequest[] = [];

  constructor(private readonly capacity = 500) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  find(match: string): LoggedRequest[] {
    return this.entries.filter((e) => lastUserText(e.body).includes(match));
  }

  clear(): void {
    this.entries = [];
  }
}

export interface ControlState {
  faults: FaultRegistry;
  requests: RequestLog;
}

export const CONTROL_PREFIX = "/__sim/";

/** Handles a /__sim request; returns false when the path is not a control. */
export function handleControl(
  state: ControlState,
  method: string,
  url: URL,
  rawBody: string,
  res: ServerResponse,
): boolean {
  const route = `${method} ${url.pathname}`;
  switch (route) {
    case "POST /__sim/faults": {
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        sendJson(res, 400, errorBody("request body is not valid JSON"));
        return true;
      }
      const parsed = faultRegistrationSchema.safeParse(json);
      if (!parsed.success) {
        sendJson(res, 400, errorBody(describeIssue(parsed.error)));
        return true;
      }
      const id = state.faults.add(parsed.data);
      sendJson(res, 200, { ok: true, id });
      return true;
    }
    case "GET /__sim/faults":
      sendJson(res, 200, { faults: state.faults.list() });
      return true;
    case "DELETE /__sim/faults":
      state.faults.clear();
      sendJson(res, 200, { ok: true });
      return true;
    case "GET /__sim/requests":
      sendJson(res, 200, { requests: state.requests.find(url.searchParams.get("match") ?? "") });
      return true;
    case "DELETE /__sim/requests":
      state.requests.clear();
      sendJson(res, 200, { ok: true });
      return true;
    default:
      return false;
  }
}
