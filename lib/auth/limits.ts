import "server-only";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ChatError } from "@/lib/errors";
import { hintText } from "@/lib/error-hints";

/** A user's limits; null means none. */
export interface UserLimits {
  requestsPerMinute: number | null;
  tokensPerDay: number | null;
  usdPerDay: number | null;
  maxConcurrent: number | null;
}

export interface Usage {
  /** Answers asked for (each regenerate counts). */
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/**
 * The limits that apply to a user: their own where the admin set one, else the server's
 * defaults (LIMIT_* settings, 0 meaning none). The admin is limited only by limits set on them
 * explicitly: the limits protect the owner's key from everyone else.
 */
export async function limitsFor(db: Db, userId: string): Promise<UserLimits> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { role: true, requestsPerMinute: true, tokensPerDay: true, usdPerDay: true, maxConcurrent: true },
  });
  const settings = env();
  const isAdmin = !user || user.role === "admin" || user.role === null;
  const fallback = (own: number | null | undefined, server: number) => own ?? (isAdmin || server === 0 ? null : server);
  return {
    requestsPerMinute: fallback(user?.requestsPerMinute, settings.LIMIT_REQUESTS_PER_MINUTE),
    tokensPerDay: fallback(user?.tokensPerDay, settings.LIMIT_TOKENS_PER_DAY),
    usdPerDay: fallback(user?.usdPerDay, settings.LIMIT_USD_PER_DAY),
    maxConcurrent: fallback(user?.maxConcurrent, settings.LIMIT_CONCURRENT_PER_USER),
  };
}

/** A user's answers since a moment: count, tokens and money. */
export async function usageSince(db: Db, userId: string, since: Date): Promise<Usage> {
  const where = { role: "assistant", createdAt: { gte: since }, conversation: { userId } };
  const [requests, sums] = await Promise.all([
    db.message.count({ where }),
    db.message.aggregate({ where, _sum: { inputTokens: true, outputTokens: true, costUsd: true } }),
  ]);
  return {
    requests,
    inputTokens: sums._sum.inputTokens ?? 0,
    outputTokens: sums._sum.outputTokens ?? 0,
    costUsd: sums._sum.costUsd ?? 0,
  };
}

export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Refuses a new answer (429, with what was reached and when it frees up) when the user is at a
 * rate or daily limit, and returns their limits. The cap on answers at once is checked by the
 * registry, in the same synchronous step that claims the conversation (lib/chat/registry.ts).
 */
export async function enforceLimits({ db, userId, now = new Date() }: { db: Db; userId: string; now?: Date }): Promise<UserLimits> {
  const limits = await limitsFor(db, userId);
  if (limits.requestsPerMinute !== null) {
    const lastMinute = await usageSince(db, userId, new Date(now.getTime() - 60_000));
    if (lastMinute.requests >= limits.requestsPerMinute) {
      throw new ChatError("rate_limit:limits", `You have asked ${lastMinute.requests} times in the last minute (your limit is ${limits.requestsPerMinute}).`, {
        hint: hintText("waitMinute"),
        retryAfterSeconds: 60,
      });
    }
  }
  if (limits.tokensPerDay !== null || limits.usdPerDay !== null) {
    const today = await usageSince(db, userId, startOfUtcDay(now));
    const tokens = today.inputTokens + today.outputTokens;
    const tomorrow = Math.ceil((startOfUtcDay(now).getTime() + 86_400_000 - now.getTime()) / 1000);
    if (limits.tokensPerDay !== null && tokens >= limits.tokensPerDay) {
      throw new ChatError("rate_limit:limits", `You have used ${tokens.toLocaleString("en-US")} tokens today (your limit is ${limits.tokensPerDay.toLocaleString("en-US")}).`, {
        hint: hintText("dailyLimit"),
        retryAfterSeconds: tomorrow,
      });
    }
    if (limits.usdPerDay !== null && today.costUsd >= limits.usdPerDay) {
      throw new ChatError("rate_limit:limits", `You have spent $${today.costUsd.toFixed(2)} today (your limit is $${limits.usdPerDay.toFixed(2)}).`, {
        hint: hintText("dailyLimit"),
        retryAfterSeconds: tomorrow,
      });
    }
  }
  return limits;
}
