import { Generation, type GenerationInput } from "./generation";

/**
 * The generations running in this process, by assistant message id. Kept on globalThis so every
 * route bundle (and dev hot reload) sees the same map: the stop route must find what chat started.
 */
const globalKey = Symbol.for("v4chat.generations");
type Registry = Map<string, Generation>;
const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
const registry: Registry = (holder[globalKey] ??= new Map());

export function startGeneration(input: GenerationInput): Generation {
  const generation = new Generation(input);
  registry.set(generation.messageId, generation);
  void generation.done.finally(() => registry.delete(generation.messageId));
  return generation;
}

/** A running generation, only for its owner. */
export function findGeneration({ userId, messageId }: { userId: string; messageId: string }): Generation | undefined {
  const generation = registry.get(messageId);
  return generation && generation.userId === userId ? generation : undefined;
}

/** The generation running in a conversation, only for its owner. */
export function findConversationGeneration({
  userId,
  conversationId,
}: {
  userId: string;
  conversationId: string;
}): Generation | undefined {
  for (const generation of registry.values()) {
    if (generation.conversationId === conversationId && generation.userId === userId) return generation;
  }
  return undefined;
}

