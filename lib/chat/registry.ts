import "server-only";
import { env } from "@/lib/env";
import { announceChange } from "@/lib/events/changes";
import { ChatError } from "@/lib/errors";
import { followRemoteAnswer, isRunning, listenForStops, mirrorAnswer, runningAnswers, stopRemoteAnswers } from "@/lib/shared-state/answers";
import { claimShared } from "@/lib/shared-state/claims";
import { sharedRedis } from "@/lib/shared-state/redis";
import { UI_MESSAGE_SSE } from "./answer-stream";
import { type ChatChunk, Generation, type GenerationInput, readerOrRefusal } from "./generation";
import { hintText } from "@/lib/error-hints";

// With REDIS_URL set, several instances share what this module keeps (lib/shared-state): claims
// and the user's cap also live in Redis, running answers are announced there and copied to a
// Redis stream, and Stop reaches the instance that runs the answer. The in-process maps stay the
// first and only check without Redis.

/**
 * The generations running in this process, by answer id, and the answers starting or running,
 * by conversation. Kept on globalThis so every route bundle (and dev hot reload) sees the same
 * maps: the stop route must find what chat started.
 */
interface Registry {
  generations: Map<string, Generation>;
  /**
   * An answer starting or running, by `${userId}:${conversationId}`: one at a time per
   * conversation. A comparison claims each pane on its own (`…:lane`), so its panes run together.
   */
  claims: Map<string, { userId: string; conversationId: string }>;
}
const globalKey = Symbol.for("v4chat.generations.v2");
const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
const registry: Registry = (holder[globalKey] ??= { generations: new Map(), claims: new Map() });

/** A claim on a conversation: only its holder may start an answer there until it is released. */
export interface ConversationClaim {
  release(): void;
}

/** How many answers may be written at once: by this server, and by the asking user. */
export interface ConcurrencyLimits {
  /** Answers being written at once by this server (MAX_CONCURRENT_GENERATIONS). */
  maxGenerations: number;
  /** The user's own cap (lib/auth/limits.ts), null for none. */
  maxForUser?: number | null;
}

export function concurrencyLimits(): ConcurrencyLimits {
  return { maxGenerations: env().MAX_CONCURRENT_GENERATIONS };
}

/** Answers starting or running now, in all or for one user. */
export function activeAnswers(filter: { userId?: string } = {}): number {
  if (filter.userId === undefined) return registry.claims.size;
  let count = 0;
  for (const claim of registry.claims.values()) if (claim.userId === filter.userId) count++;
  return count;
}

/**
 * Claims a conversation for one new answer, or throws: 409 when the conversation already has one,
 * 429 when the server writes as many answers as it may. Check and claim happen in one synchronous
 * step, before any database call, so two tabs sending at the same moment cannot both pass and a
 * refused request writes nothing. The claim lasts until the answer ends (or the start fails and
 * releases it).
 */
export function claimConversation({
  userId,
  conversationId,
  lane,
  limits = concurrencyLimits(),
}: {
  userId: string;
  conversationId: string;
  /** A comparison's pane: each pane holds its own claim. Absent for a plain chat. */
  lane?: number;
  limits?: ConcurrencyLimits;
}): ConversationClaim {
  const key = claimKey({ userId, conversationId, lane });
  if (registry.claims.has(key)) {
    throw new ChatError(
      "conflict:chat",
      lane === undefined
        ? "An answer is still being written in this conversation. Stop it or wait for it to finish."
        : "This pane is still writing its answer. Stop it or wait for it to finish.",
    );
  }
  admit(limits, userId);
  registry.claims.set(key, { userId, conversationId });
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      registry.claims.delete(key);
    },
  };
}

function claimKey({ userId, conversationId, lane }: { userId: string; conversationId: string; lane?: number }): string {
  return lane === undefined ? `${userId}:${conversationId}` : `${userId}:${conversationId}:${lane}`;
}

/**
 * claimConversation, and with Redis the same claim across every instance (one answer per
 * conversation or pane, the user's cap on answers at once). Throws the same errors.
 */
export async function claimAnswer(args: Parameters<typeof claimConversation>[0]): Promise<ConversationClaim> {
  const local = claimConversation(args);
  const redis = sharedRedis();
  if (!redis) return local;
  try {
    const limits = args.limits ?? concurrencyLimits();
    const shared = await claimShared(redis, { key: claimKey(args), userId: args.userId, lane: args.lane, maxForUser: limits.maxForUser });
    return {
      release() {
        local.release();
        shared.release().catch((error: unknown) => console.error("[shared-state] releasing a claim failed", error));
      },
    };
  } catch (error) {
    local.release();
    throw error;
  }
}

function admit(limits: ConcurrencyLimits, userId: string): void {
  const mine = activeAnswers({ userId });
  if (limits.maxForUser != null && mine >= limits.maxForUser) {
    throw new ChatError("rate_limit:limits", `You have ${mine} answers being written already (your limit is ${limits.maxForUser}).`, {
      hint: hintText("finishOrStop"),
      retryAfterSeconds: 5,
    });
  }
  const running = activeAnswers();
  if (running >= limits.maxGenerations) {
    throw new ChatError(
      "rate_limit:chat",
      `V4 Chat is answering ${running} ${running === 1 ? "question" : "questions"} already; try again in a moment.`,
      { hint: hintText("serverLimit"), retryAfterSeconds: 5 },
    );
  }
}

/** Starts a generation under a claim; the claim is released when the generation ends. */
export function startGeneration(input: GenerationInput, claim: ConversationClaim): Generation {
  const redis = sharedRedis();
  if (redis) {
    listenForStops(redis, (messageId) => registry.generations.get(messageId)?.stop());
    input = { ...input, mirror: mirrorAnswer<ChatChunk>(redis, input) };
  }
  const generation = new Generation(input);
  registry.generations.set(generation.messageId, generation);
  // The person's other pages show the new turn (and follow the answer), then the saved answer and title.
  const changed = [{ type: "list" }, { type: "conversation", conversationId: input.conversationId }] as const;
  const source = { userId: input.userId, page: input.page };
  announceChange(source, ...changed);
  void generation.done.finally(() => {
    registry.generations.delete(generation.messageId);
    claim.release();
    announceChange(source, ...changed);
  });
  return generation;
}

/** A running generation, only for its owner. */
export function findGeneration({ userId, messageId }: { userId: string; messageId: string }): Generation | undefined {
  const generation = registry.generations.get(messageId);
  return generation && generation.userId === userId ? generation : undefined;
}

/** The generations running in a conversation, only for its owner. */
export function findConversationGenerations({
  userId,
  conversationId,
}: {
  userId: string;
  conversationId: string;
}): Generation[] {
  return [...registry.generations.values()].filter(
    (generation) => generation.conversationId === conversationId && generation.userId === userId,
  );
}

/** Stops every answer running in a conversation and waits until each has been saved. */
export async function stopConversation({ userId, conversationId }: { userId: string; conversationId: string }): Promise<number> {
  return stopAnswers({ userId, conversationId });
}

/**
 * Stops one answer (`messageId`) or every answer of a conversation, on whichever instance runs
 * it, and waits until each has been saved. The number stopped.
 */
export async function stopAnswers(target: { userId: string } & ({ messageId: string } | { conversationId: string })): Promise<number> {
  const { userId } = target;
  const local =
    "messageId" in target
      ? [findGeneration({ userId, messageId: target.messageId })].filter((generation) => generation !== undefined)
      : findConversationGenerations({ userId, conversationId: target.conversationId });
  for (const generation of local) generation.stop();
  const redis = sharedRedis();
  let remote: string[] = [];
  if (redis) {
    const here = new Set(local.map((generation) => generation.messageId));
    const candidates =
      "messageId" in target
        ? (await isRunning(redis, { userId, messageId: target.messageId })) ? [target.messageId] : []
        : await runningAnswers(redis, { userId, conversationId: target.conversationId });
    remote = candidates.filter((id) => !here.has(id));
  }
  await Promise.allSettled([...local.map((generation) => generation.done), redis ? stopRemoteAnswers(redis, remote) : undefined]);
  return local.length + remote.length;
}

/** A running answer's stream from another instance, read from Redis (the caller checked that it runs). */
function followRemote(messageId: string): ReadableStream<Uint8Array> {
  const redis = sharedRedis()!;
  return readerOrRefusal(() => followRemoteAnswer<ChatChunk>(redis, messageId).subscribeEncoded(UI_MESSAGE_SSE));
}

/**
 * The answer running in a conversation, here or on another instance, as server-sent events (what
 * was sent so far, then live); null when none runs.
 */
export async function followConversation({ userId, conversationId }: { userId: string; conversationId: string }): Promise<ReadableStream<Uint8Array> | null> {
  const [generation] = findConversationGenerations({ userId, conversationId });
  if (generation) return generation.sseStream();
  const redis = sharedRedis();
  if (!redis) return null;
  const [messageId] = await runningAnswers(redis, { userId, conversationId });
  return messageId ? followRemote(messageId) : null;
}

/** One running answer as server-sent events, here or on another instance; null when it does not run. */
export async function followAnswer({ userId, messageId }: { userId: string; messageId: string }): Promise<ReadableStream<Uint8Array> | null> {
  const generation = findGeneration({ userId, messageId });
  if (generation) return generation.sseStream();
  const redis = sharedRedis();
  if (!redis || !(await isRunning(redis, { userId, messageId }))) return null;
  return followRemote(messageId);
}
