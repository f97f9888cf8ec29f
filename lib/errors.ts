/**
 * Typed errors, `type:surface` (after the Next.js chatbot template): the type fixes the HTTP status
 * and whether a retry can help; the surface says where it happened. Shared by server and browser.
 */

export type ErrorType =
  | "bad_request"
  | "unauthorized"
  | "payment_required"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unprocessable"
  | "misdirected"
  | "context_too_long"
  | "rate_limit"
  | "upstream"
  | "overloaded"
  | "offline"
  | "interrupted"
  | "internal";

/** `request`: the HTTP request itself (its host, origin, type or size), refused before any route runs. */
export type Surface = "chat" | "model" | "conversation" | "database" | "settings" | "auth" | "limits" | "request" | "document" | "image";

export type ErrorCode = `${ErrorType}:${Surface}`;

const STATUS: Record<ErrorType, number> = {
  bad_request: 400,
  unauthorized: 401,
  payment_required: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** The file is of a readable type but cannot be read (encrypted, corrupt, no text). */
  unprocessable: 422,
  /** The Host header names a server this is not (DNS rebinding, or a name missing from ALLOWED_HOSTS). */
  misdirected: 421,
  context_too_long: 400,
  rate_limit: 429,
  upstream: 502,
  overloaded: 503,
  offline: 502,
  interrupted: 502,
  internal: 500,
};

const RETRYABLE: ReadonlySet<ErrorType> = new Set(["rate_limit", "upstream", "overloaded", "offline", "interrupted"]);

/**
 * Which catalogue text (messages/*.json, errors.words.<key>) says `message` in other languages,
 * with the values it carries, for errors more specific than their code.
 */
export interface ErrorWords {
  key: string;
  values?: Record<string, string | number>;
}

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  words?: ErrorWords;
  /** What the user can do about it. */
  hint?: string;
  retryable: boolean;
  retryAfterSeconds?: number;
}

export class ChatError extends Error {
  readonly code: ErrorCode;
  readonly type: ErrorType;
  readonly surface: Surface;
  readonly hint?: string;
  readonly retryAfterSeconds?: number;
  readonly words?: ErrorWords;

  constructor(code: ErrorCode, message: string, extra: { hint?: string; retryAfterSeconds?: number; words?: ErrorWords } = {}) {
    super(message);
    this.name = "ChatError";
    this.code = code;
    const [type, surface] = code.split(":") as [ErrorType, Surface];
    this.type = type;
    this.surface = surface;
    this.hint = extra.hint;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.words = extra.words;
  }

  get status(): number {
    return STATUS[this.type];
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.type);
  }

  toPayload(): ErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.words ? { words: this.words } : {}),
      ...(this.hint ? { hint: this.hint } : {}),
      retryable: this.retryable,
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
    };
  }

  toResponse(): Response {
    return Response.json({ error: this.toPayload() }, { status: this.status });
  }
}

export function isRetryableCode(code: string): boolean {
  const type = code.split(":")[0] as ErrorType;
  return RETRYABLE.has(type);
}
