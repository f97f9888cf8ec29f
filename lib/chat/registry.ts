import "server-only";
import { ChatError } from "@/lib/errors";
import { Generation, type GenerationInput } from "./generation";

/**
 * The generations running in this process, by answer id, and the conversations that have one
 * starting or running. Kept on globalThis so every route bundle (and dev hot reload) sees the
 * same maps: the stop route must find what chat started.
 */
interface Registry {
  generations: Map<string, Generation>;
  /** `${userId}:${conversationId}` of conversations with an answer starting or running. */
  busy: Set<string>;
}
const globalKey = Symbol.for("v4chat.generations");
const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
const registry: Registry = (holder[globalKey] ??= { generations: new Map(), busy: new Set() });

/** A claim on a conversation: only its holder may start an answer there until it is released. */
export interface ConversationClaim {
  release(): void;
}

/**
 * Claims a conversation for one new answer, or throws a 409. Check and claim happen in one
 * synchronous step, before any database call, so two tabs sending at the same moment cannot
 * both pass. The claim lasts until the answer ends (or the start fails and releases it).
 */
export function claimConversation({ userId, conversationId }: { userId: string; conversationId: string }): ConversationClaim {
  const key = `${userId}:${conversationId}`;
  if (registry.busy.has(key)) {
    throw new ChatError("conflict:chat", "An answer is still being written in this conversation. Stop it or wait for it to finish.");
  }
  registry.busy.add(key);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      registry.busy.delete(key);
    },
  };
}

/** Starts a generation under a claim; the claim is released when the generation ends. */
export function startGeneration(input: GenerationInput, claim: ConversationClaim): Generation {
  const generation = new Generation(input);
  registry.generations.set(generation.messageId, generation);
  void generation.done.finally(() => {
    registry.generations.delete(generation.messageId);
    claim.release();
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

/** How many answers of a user are being written in this process (for the per-user limit). */
export function countUserGenerations(userId: string): number {
  let count = 0;
  for (const generation of registry.generations.values()) if (generation.userId === userId) count += 1;
  return count;
}
