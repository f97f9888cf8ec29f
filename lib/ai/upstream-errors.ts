import { APICallError, RetryError } from "ai";
import { ChatError } from "@/lib/errors";
import { formatSeconds } from "@/lib/usage/format";
import { UpstreamTimeoutError } from "./backends/guarded-fetch";
import { hintText } from "@/lib/error-hints";

/**
 * Turns whatever the provider threw into a ChatError that says what happened and what to do.
 * `where` names the backend ("DeepSeek API", "Offline simulator", …) for the user.
 */
export function toChatError(error: unknown, where: string): ChatError {
  if (error instanceof ChatError) return error;
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  const timeout = findTimeout(cause);
  if (timeout) return timedOut(where, timeout);

  if (APICallError.isInstance(cause)) {
    const upstreamMessage = withoutKeys(readUpstreamMessage(cause.responseBody) ?? cause.message);
    const status = cause.statusCode;
    // A 2xx whose body failed mid-way: the stream broke after the answer had begun.
    if (status !== undefined && status < 300) return brokenStream(where);
    switch (status) {
      case 401:
        return new ChatError("unauthorized:model", `${where} refused the API key (401): ${upstreamMessage}`, {
          hint: hintText("checkApiKey"),
        });
      case 402:
        return new ChatError("payment_required:model", `${where} says the account has no balance left (402).`, {
          hint: hintText("topUp"),
        });
      case 429:
        return new ChatError("rate_limit:model", `${where} is rate-limiting this account (429): ${upstreamMessage}`, {
          hint: hintText("tooManyAtOnce"),
          retryAfterSeconds: retryAfter(cause.responseHeaders) ?? 5,
        });
      case 400:
      case 422:
        if (/context length|too long|maximum context/i.test(upstreamMessage)) {
          return new ChatError("context_too_long:model", `The conversation is too long for the model: ${upstreamMessage}`, {
            hint: hintText("shorten"),
          });
        }
        return new ChatError("bad_request:model", `${where} rejected the request (${status}): ${upstreamMessage}`);
      case 503:
        return new ChatError("overloaded:model", `${where} is overloaded right now (503).`, {
          hint: hintText("busy"),
          retryAfterSeconds: retryAfter(cause.responseHeaders),
        });
      default:
        if (status !== undefined && status >= 500) {
          return new ChatError("upstream:model", `${where} had a server error (${status}): ${upstreamMessage}`, {
            hint: hintText("temporary"),
          });
        }
        if (status === undefined) return connectionError(where, cause);
        return new ChatError("bad_request:model", `${where} answered ${status}: ${upstreamMessage}`);
    }
  }
  return connectionError(where, cause);
}

function connectionError(where: string, cause: unknown): ChatError {
  const text = describe(cause);
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|fetch failed|Cannot connect/i.test(text)) {
    return new ChatError("offline:model", `Could not reach ${where}.`, {
      hint: hintText("checkServer"),
    });
  }
  // A stream that stopped mid-way: socket reset, terminated body, invalid chunk.
  return brokenStream(where);
}

function brokenStream(where: string): ChatError {
  return new ChatError("interrupted:model", `The connection to ${where} broke off before the answer was complete.`, {
    hint: hintText("keptRetry"),
  });
}

/**
 * The upstream went quiet and guarded-fetch gave up on it. The provider may hand the error over
 * as it is or wrapped (an APICallError's cause), so the chain of causes is searched.
 */
function findTimeout(error: unknown): UpstreamTimeoutError | undefined {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    if (current instanceof UpstreamTimeoutError) return current;
    seen.add(current);
  }
  return undefined;
}

function timedOut(where: string, timeout: UpstreamTimeoutError): ChatError {
  const limit = formatLimit(timeout.limitMs);
  if (timeout.kind === "idle") {
    return new ChatError("interrupted:model", `The model sent nothing for ${limit}, so V4 Chat stopped waiting for it.`, {
      hint: hintText(timeout.afterData ? "keptQuiet" : "quiet", { where }),
    });
  }
  const what = timeout.afterData ? "without sending any more of the answer" : "without starting the answer";
  return new ChatError("interrupted:model", `The server kept the request waiting for ${limit} ${what}, so V4 Chat gave up.`, {
    hint: hintText(timeout.afterData ? "keptQueueing" : "queueing", { where }),
  });
}

/** 60000 → "60 s", 600000 → "10 min", 150 → "150 ms". */
function formatLimit(ms: number): string {
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000} s`;
  return formatSeconds(ms);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}

/**
 * An upstream message with anything key-like taken out: DeepSeek quotes the key's last
 * characters ("Your api key: ****abcd is invalid"), and no part of a key is shown or stored.
 */
export function withoutKeys(message: string): string {
  return message
    .replace(/\b(sk|sk-or|sk-or-v1)-[A-Za-z0-9_-]{4,}/g, "[key hidden]")
    .replace(/\*{2,}[A-Za-z0-9_-]+/g, "[key hidden]")
    .replace(/(Bearer\s+)[A-Za-z0-9._-]+/gi, "$1[key hidden]");
}

function readUpstreamMessage(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    return typeof parsed.error?.message === "string" ? parsed.error.message : undefined;
  } catch {
    return undefined;
  }
}

function retryAfter(headers: Record<string, string> | undefined): number | undefined {
  const value = headers?.["retry-after"];
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
