import "server-only";
import { env } from "@/lib/env";
import { announceChange } from "@/lib/events/changes";
import { ChatError } from "@/lib/errors";
import { Generation, type GenerationInput } from "./generation";

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
  const key = lane === undefined ? `${userId}:${conversationId}` : `${userId}:${conversationId}:${lane}`;
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

function admit(limits: ConcurrencyLimits, userId: string): void {
  const mine = activeAnswers({ userId });
  if (limits.maxForUser != null && mine >= limits.maxForUser) {
    throw new ChatError("rate_limit:limits", `You have ${mine} answers being written already (your limit is ${limits.maxForUser}).`, {
      hint: "Wait for one to finish, or stop one.",
      retryAfterSeconds: 5,
    });
  }
  const running = activeAnswers();
  if (running >= limits.maxGenerations) {
    throw new ChatError(
      "rate_limit:chat",
      `V4 Chat is answering ${running} ${running === 1 ? "question" : "questions"} already; try again in a moment.`,
      { hint: "This server writes a limited number of answers at once (MAX_CONCURRENT_GENERATIONS).", retryAfterSeconds: 5 },
    );
  }
}

/** Starts a generation under a claim; the claim is released when the generation ends. */
export function startGeneration(input: GenerationInput, claim: ConversationClaim): Generation {
  const generation = new Generation(input);
  registry.generations.set(generation.messageId, generation);
  // The person's other pages show the new turn (and follow the answer), then the saved answer and title.
  const changed = [{ type: "list" }, { type: "conversation", conversationId: input.conversationId }] as const;
  announceChange(input.userId, ...changed);
  void generation.done.finally(() => {
    registry.generations.delete(generation.messageId);
    claim.release();
    announceChange(input.userId, ...changed);
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
  const running = findConversationGenerations({ userId, conversationId });
  for (const generation of running) generation.stop();
  await Promise.allSettled(running.map((generation) => generation.done));
  return running.length;
}
