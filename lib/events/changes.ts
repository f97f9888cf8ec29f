import "server-only";

/**
 * What changed in a person's workspace, announced to their other devices (the browser's own tabs
 * also hear each other over a BroadcastChannel). The news carries no content: a page that hears
 * it reads what it shows again, through the usual owner-scoped routes.
 */
export type WorkspaceChange =
  /** The list of conversations or folders changed: created, renamed, deleted, moved, pinned, titled. */
  | { type: "list" }
  /** A conversation's messages changed: an answer started or ended, a version was chosen. */
  | { type: "conversation"; conversationId: string };

type Listener = (change: WorkspaceChange) => void;

/**
 * The changes of this process, by user. Kept on globalThis so every route bundle shares one.
 * Several app instances would each hear only their own: a shared channel (Redis) belongs here then.
 */
interface ChangeHub {
  listeners: Map<string, Set<Listener>>;
}
const hubKey = Symbol.for("v4chat.workspace-changes");
const holder = globalThis as unknown as Record<symbol, ChangeHub | undefined>;
const hub: ChangeHub = (holder[hubKey] ??= { listeners: new Map() });

/** Tells the user's open pages that something changed. Never throws: news is best effort. */
export function announceChange(userId: string, ...changes: WorkspaceChange[]): void {
  const listeners = hub.listeners.get(userId);
  if (!listeners) return;
  for (const listener of [...listeners]) {
    for (const change of changes) {
      try {
        listener(change);
      } catch {
        // one broken page must not keep the news from the others
      }
    }
  }
}

/** Hears the user's changes until the returned function is called. */
export function listenForChanges(userId: string, listener: Listener): () => void {
  let listeners = hub.listeners.get(userId);
  if (!listeners) hub.listeners.set(userId, (listeners = new Set()));
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && hub.listeners.get(userId) === listeners) hub.listeners.delete(userId);
  };
}

/** Pages listening now (for tests and the admin's view of the server). */
export function listenerCount(userId?: string): number {
  if (userId !== undefined) return hub.listeners.get(userId)?.size ?? 0;
  let count = 0;
  for (const listeners of hub.listeners.values()) count += listeners.size;
  return count;
}
