import { APICallError, RetryError } from "ai";
import { describe, expect, it } from "vitest";
import { ChatError } from "@/lib/errors";
import { UpstreamTimeoutError } from "./backends/guarded-fetch";
import { toChatError, withoutKeys } from "./upstream-errors";

const WHERE = "Offline simulator";

function apiError({
  statusCode,
  upstreamMessage,
  responseBody,
  responseHeaders,
  message = "Upstream failure",
  cause,
}: {
  statusCode?: number;
  upstreamMessage?: string;
  responseBody?: string;
  responseHeaders?: Record<string, string>;
  message?: string;
  cause?: unknown;
}): APICallError {
  return new APICallError({
    message,
    url: "http://127.0.0.1:4010/chat/completions",
    requestBodyValues: {},
    statusCode,
    responseBody:
      responseBody ??
      (upstreamMessage === undefined
        ? undefined
        : JSON.stringify({ error: { message: upstreamMessage, type: "invalid_request_error", param: null, code: "x" } })),
    responseHeaders,
    cause,
  });
}

describe("toChatError: HTTP statuses", () => {
  it("maps 401 to unauthorized:model with the upstream message and a key hint", () => {
    const error = toChatError(apiError({ statusCode: 401, upstreamMessage: "Authentication Fails, key ****abcd is invalid" }), WHERE);
    expect(error.code).toBe("unauthorized:model");
    // Not even the key's last characters are shown or stored.
    expect(error.message).toBe("Offline simulator refused the API key (401): Authentication Fails, key [key hidden] is invalid");
    expect(error.hint).toContain("API key");
    expect(error.retryable).toBe(false);
  });

  it("maps 402 to payment_required:model", () => {
    const error = toChatError(apiError({ statusCode: 402, upstreamMessage: "Insufficient Balance" }), WHERE);
    expect(error.code).toBe("payment_required:model");
    expect(error.message).toBe("Offline simulator says the account has no balance left (402).");
    expect(error.retryable).toBe(false);
  });

  it("maps 429 to rate_limit:model, retryable after the retry-after header's seconds", () => {
    const error = toChatError(
      apiError({ statusCode: 429, upstreamMessage: "Too many requests", responseHeaders: { "retry-after": "3" } }),
      WHERE,
    );
    expect(error.code).toBe("rate_limit:model");
    expect(error.message).toBe("Offline simulator is rate-limiting this account (429): Too many requests");
    expect(error.retryAfterSeconds).toBe(3);
    expect(error.retryable).toBe(true);
  });

  it("suggests 5 seconds for a 429 without a usable retry-after header", () => {
    expect(toChatError(apiError({ statusCode: 429 }), WHERE).retryAfterSeconds).toBe(5);
    expect(
      toChatError(apiError({ statusCode: 429, responseHeaders: { "retry-after": "soon" } }), WHERE).retryAfterSeconds,
    ).toBe(5);
  });

  it("maps a 400 about the context length to context_too_long:model", () => {
    const upstreamMessage =
      "This model's maximum context length is 1048576 tokens. However, you requested 1050000 tokens (1050000 in the messages, 0 in the completion).";
    const error = toChatError(apiError({ statusCode: 400, upstreamMessage }), WHERE);
    expect(error.code).toBe("context_too_long:model");
    expect(error.message).toBe(`The conversation is too long for the model: ${upstreamMessage}`);
    expect(error.status).toBe(400);
    expect(error.retryable).toBe(false);
  });

  it("maps a 422 saying the input is too long to context_too_long:model", () => {
    expect(toChatError(apiError({ statusCode: 422, upstreamMessage: "Input is too long" }), WHERE).code).toBe(
      "context_too_long:model",
    );
  });

  it("maps any other 400 to bad_request:model with the upstream message", () => {
    const error = toChatError(apiError({ statusCode: 400, upstreamMessage: "Invalid parameter: top_p" }), WHERE);
    expect(error.code).toBe("bad_request:model");
    expect(error.message).toBe("Offline simulator rejected the request (400): Invalid parameter: top_p");
  });

  it("maps 500 and 502 to upstream:model, retryable", () => {
    const error = toChatError(apiError({ statusCode: 500, upstreamMessage: "Internal Server Error" }), WHERE);
    expect(error.code).toBe("upstream:model");
    expect(error.message).toBe("Offline simulator had a server error (500): Internal Server Error");
    expect(error.retryable).toBe(true);
    expect(toChatError(apiError({ statusCode: 502 }), WHERE).code).toBe("upstream:model");
  });

  it("maps 503 to overloaded:model, with retry-after when the upstream gave one", () => {
    const error = toChatError(apiError({ statusCode: 503, responseHeaders: { "retry-after": "7" } }), WHERE);
    expect(error.code).toBe("overloaded:model");
    expect(error.message).toBe("Offline simulator is overloaded right now (503).");
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.retryable).toBe(true);
    expect(toChatError(apiError({ statusCode: 503 }), WHERE).retryAfterSeconds).toBeUndefined();
  });

  it("maps another 4xx to bad_request:model naming the status", () => {
    const error = toChatError(apiError({ statusCode: 404, upstreamMessage: "Model Not Exist" }), WHERE);
    expect(error.code).toBe("bad_request:model");
    expect(error.message).toBe("Offline simulator answered 404: Model Not Exist");
  });
});

describe("toChatError: upstream messages", () => {
  it("uses the error's own message when the body is not JSON", () => {
    const error = toChatError(
      apiError({ statusCode: 401, responseBody: "<html>Unauthorized</html>", message: "Unauthorized" }),
      WHERE,
    );
    expect(error.message).toBe("Offline simulator refused the API key (401): Unauthorized");
  });

  it("uses the error's own message when the JSON has no error.message string", () => {
    const error = toChatError(
      apiError({ statusCode: 500, responseBody: JSON.stringify({ error: { message: 42 } }), message: "Server Error" }),
      WHERE,
    );
    expect(error.message).toBe("Offline simulator had a server error (500): Server Error");
  });

  it("tells a plain 400 from a context-length 400 by the upstream message, not the error's", () => {
    const error = toChatError(
      apiError({ statusCode: 400, upstreamMessage: "Invalid request", message: "maximum context length exceeded" }),
      WHERE,
    );
    expect(error.code).toBe("bad_request:model");
  });
});

describe("toChatError: other errors", () => {
  it("returns a ChatError unchanged", () => {
    const original = new ChatError("not_found:conversation", "gone");
    expect(toChatError(original, WHERE)).toBe(original);
  });

  it("reads the last attempt of a RetryError", () => {
    const last = apiError({ statusCode: 429, upstreamMessage: "slow down", responseHeaders: { "retry-after": "2" } });
    const retry = new RetryError({
      message: "Failed after 3 attempts",
      reason: "maxRetriesExceeded",
      errors: [apiError({ statusCode: 500 }), apiError({ statusCode: 500 }), last],
    });
    const error = toChatError(retry, WHERE);
    expect(error.code).toBe("rate_limit:model");
    expect(error.retryAfterSeconds).toBe(2);
  });

  it("maps a refused connection (fetch failed, ECONNREFUSED) to offline:model", () => {
    const refused = new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:4010") });
    const error = toChatError(refused, WHERE);
    expect(error.code).toBe("offline:model");
    expect(error.message).toBe("Could not reach Offline simulator.");
    expect(error.retryable).toBe(true);
  });

  it("maps the provider's 'Cannot connect to API' error (no status) to offline:model", () => {
    const error = toChatError(
      apiError({ message: "Cannot connect to API: getaddrinfo ENOTFOUND api.example", cause: new Error("getaddrinfo ENOTFOUND") }),
      WHERE,
    );
    expect(error.code).toBe("offline:model");
  });

  it("maps any other error (a terminated body) to interrupted:model, retryable", () => {
    const error = toChatError(new TypeError("terminated", { cause: new Error("other side closed") }), WHERE);
    expect(error.code).toBe("interrupted:model");
    expect(error.message).toBe("The connection to Offline simulator broke off before the answer was complete.");
    expect(error.hint).toBe("What arrived is kept. Retry to ask again.");
    expect(error.retryable).toBe(true);
  });

  it("maps a thrown non-Error value to interrupted:model", () => {
    expect(toChatError("socket hang up", WHERE).code).toBe("interrupted:model");
  });

  it("maps a stream broken after a 200 response to interrupted:model, not bad_request", () => {
    // What the provider throws when the connection drops while the answer streams.
    const broken = apiError({
      statusCode: 200,
      message: "Failed to process successful response",
      cause: new TypeError("terminated", { cause: new Error("other side closed") }),
    });
    const error = toChatError(broken, WHERE);
    expect(error.code).toBe("interrupted:model");
    expect(error.retryable).toBe(true);
  });
});

describe("withoutKeys", () => {
  it("takes out keys, masked key ends and bearer tokens from upstream messages", () => {
    expect(withoutKeys("Your api key: ****abcd is invalid")).toBe("Your api key: [key hidden] is invalid");
    expect(withoutKeys("bad key sk-1234567890abcdef given")).toBe("bad key [key hidden] given");
    expect(withoutKeys("openrouter sk-or-v1-abcdef0123 rejected")).toBe("openrouter [key hidden] rejected");
    expect(withoutKeys("header Authorization: Bearer abc.def-ghi")).toBe("header Authorization: Bearer [key hidden]");
    expect(withoutKeys("Your current concurrency is 40")).toBe("Your current concurrency is 40");
  });
});

describe("toChatError: an upstream that went quiet (guarded-fetch)", () => {
  it("maps an idle timeout, bare or wrapped by the provider, to interrupted:model saying how long it waited", () => {
    const timeout = new UpstreamTimeoutError("idle", 60_000, true);
    const wrapped = apiError({ statusCode: 200, message: "Failed to process successful response", cause: timeout });
    for (const error of [timeout, wrapped, new RetryError({ message: "x", reason: "maxRetriesExceeded", errors: [wrapped] })]) {
      const chatError = toChatError(error, WHERE);
      expect(chatError.code).toBe("interrupted:model");
      expect(chatError.retryable).toBe(true);
      expect(chatError.message).toBe("The model sent nothing for 60 s, so V4 Chat stopped waiting for it.");
      expect(chatError.hint).toBe("What arrived is kept. Offline simulator may be overloaded or the connection lost; retry in a little while.");
    }
  });

  it("maps the keep-alive limit to interrupted:model, before the answer began or during it", () => {
    const before = toChatError(new UpstreamTimeoutError("keep-alive", 600_000, false), WHERE);
    expect(before.code).toBe("interrupted:model");
    expect(before.message).toBe("The server kept the request waiting for 10 min without starting the answer, so V4 Chat gave up.");
    expect(before.hint).toBe("Offline simulator is queueing requests under load; retry in a little while.");
    const during = toChatError(new UpstreamTimeoutError("keep-alive", 90_000, true), WHERE);
    expect(during.message).toBe("The server kept the request waiting for 90 s without sending any more of the answer, so V4 Chat gave up.");
    expect(during.hint).toMatch(/^What arrived is kept\./);
  });

  it("says small limits in ms and odd ones in seconds", () => {
    expect(toChatError(new UpstreamTimeoutError("idle", 150, false), WHERE).message).toContain("nothing for 150 ms");
    expect(toChatError(new UpstreamTimeoutError("idle", 1_500, false), WHERE).message).toContain("nothing for 1.5 s");
  });
});
