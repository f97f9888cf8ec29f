// Test-registered faults: error statuses, broken streams, long queues, short
// budgets, slow streams and scripted answers, matched on the request's last
// user message.
import { z } from "zod";
import { contextLengthMessage, errorBody, MAX_CONTEXT_TOKENS, type ErrorBody } from "./protocol";

export const faultSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("status"),
    status: z.literal([400, 401, 402, 422, 429, 500, 503]),
    message: z.string().optional(),
    /** A 429's retry-after in seconds (1 when not given). */
    retryAfter: z.number().int().positive().max(600).optional(),
  }),
  z.object({ kind: z.literal("cut"), afterContentChars: z.number().int().nonnegative() }),
  z.object({
    kind: z.literal("keepalive"),
    count: z.number().int().nonnegative(),
    intervalMs: z.number().nonnegative().optional(),
  }),
  z.object({ kind: z.literal("length"), maxTokens: z.number().int().nonnegative() }),
  z.object({ kind: z.literal("slow"), tokensPerSecond: z.number().positive() }),
  /** Ends the stream normally after `afterTokens` tokens, with one of the rarer finish reasons. */
  z.object({
    kind: z.literal("finish"),
    reason: z.enum(["content_filter", "insufficient_system_resource"]),
    afterTokens: z.number().int().nonnegative(),
  }),
  /**
   * Answers with exactly this text instead of the usual generated one, streamed in token pieces as
   * usual (other faults still apply). `reasoning` streams first, only when thinking is on. A request
   * for a conversation title with the same user text gets `content` too (cut to its token budget).
   */
  z.object({ kind: z.literal("script"), reasoning: z.string().optional(), content: z.string() }),
]);

export type Fault = z.infer<typeof faultSchema>;

export const faultRegistrationSchema = z.object({
  match: z.string(),
  /** Only requests whose model id contains this (one pane of a comparison, say). */
  model: z.string().optional(),
  fault: faultSchema,
  times: z.number().int().positive().optional(),
});

export type FaultRegistration = z.infer<typeof faultRegistrationSchema>;

interface Entry {
  id: number;
  match: string;
  model?: string;
  fault: Fault;
  remaining: number;
}

export class FaultRegistry {
  private entries: Entry[] = [];
  private nextId = 1;

  add(registration: FaultRegistration): number {
    const id = this.nextId++;
    this.entries.push({
      id,
      match: registration.match,
      model: registration.model,
      fault: registration.fault,
      remaining: registration.times ?? Number.POSITIVE_INFINITY,
    });
    return id;
  }

  clear(): void {
    this.entries = [];
  }

  list(): { id: number; match: string; fault: Fault; remaining: number | null }[] {
    return this.entries.map((e) => ({
      id: e.id,
      match: e.match,
      fault: e.fault,
      remaining: Number.isFinite(e.remaining) ? e.remaining : null,
    }));
  }

  /** Faults for a request (one use of each matching entry is consumed). */
  take(lastUserText: string, model = ""): Fault[] {
    const hits = this.entries.filter((e) => lastUserText.includes(e.match) && (e.model === undefined || model.includes(e.model)));
    for (const hit of hits) hit.remaining -= 1;
    this.entries = this.entries.filter((e) => e.remaining > 0);
    return hits.map((e) => e.fault);
  }
}

/** What a set of matched faults asks the completion handler to do. */
export interface FaultPlan {
  status?: { status: number; body: ErrorBody; headers: Record<string, string> };
  cutAfterContentChars?: number;
  keepAlive?: { count: number; intervalMs: number };
  maxTokens?: number;
  tokensPerSecond?: number;
  finish?: { reason: "content_filter" | "insufficient_system_resource"; afterTokens: number };
  script?: { reasoning: string; content: string };
}

export function planFaults(faults: readonly Fault[], promptTokens: number): FaultPlan {
  const plan: FaultPlan = {};
  for (const fault of faults) {
    switch (fault.kind) {
      case "status":
        plan.status ??= statusError(fault.status, fault.message, promptTokens, fault.retryAfter);
        break;
      case "cut":
        plan.cutAfterContentChars = fault.afterContentChars;
        break;
      case "keepalive":
        plan.keepAlive = { count: fault.count, intervalMs: fault.intervalMs ?? 1000 };
        break;
      case "length":
        plan.maxTokens = Math.min(plan.maxTokens ?? Number.POSITIVE_INFINITY, fault.maxTokens);
        break;
      case "slow":
        plan.tokensPerSecond = fault.tokensPerSecond;
        break;
      case "finish":
        plan.finish = { reason: fault.reason, afterTokens: fault.afterTokens };
        break;
      case "script":
        plan.script = { reasoning: fault.reasoning ?? "", content: fault.content };
        break;
    }
  }
  return plan;
}

/** The real service's body for each error status, with its usual message. */
export function statusError(
  status: number,
  message: string | undefined,
  promptTokens: number,
  retryAfter = 1,
): { status: number; body: ErrorBody; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  let body: ErrorBody;
  switch (status) {
    case 400:
      body = errorBody(message ?? contextLengthMessage(MAX_CONTEXT_TOKENS + promptTokens, 0));
      break;
    case 401:
      body = errorBody(message ?? "Authentication Fails, Your api key: ****abcd is invalid", "authentication_error");
      break;
    case 402:
      body = errorBody(message ?? "Insufficient Balance", "unknown_error");
      break;
    case 422:
      body = errorBody(message ?? "Invalid request parameters");
      break;
    case 429:
      headers["retry-after"] = String(retryAfter);
      body = errorBody(
        message ??
          "Your current concurrency is 40, which exceeds your concurrency limit of 39 based on your remaining balance. Please top up your balance to restore your concurrency.",
        "rate_limit_error",
      );
      break;
    case 500:
      body = errorBody(message ?? "Internal Server Error, please try again later", "server_error");
      break;
    case 503:
      body = errorBody(message ?? "Server overloaded, please try again later", "server_error");
      break;
    default:
      body = errorBody(message ?? "Unknown error", "unknown_error");
  }
  return { status, body, headers };
}
