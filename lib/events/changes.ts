import "server-only";
import type { Redis } from "ioredis";
import { connectRedis, INSTANCE_ID, PREFIX, redisUrl, sharedRedis } from "@/lib/shared-state/redis";
import { isPageId } from "./page-id";

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

/** A change as the pages hear it: with the id of the page that made it, when one did (see page-id.ts). */
export type AnnouncedChange = WorkspaceChange & { page?: string };

/** Who made a change: the user whose pages hear it, and the page it came from, if any. */
export interface ChangeSource {
  userId: string;
  page?: string;
}

type Listener = (change: AnnouncedChange) => void;

/**
 * The pages listening in this process, by user. Kept on globalThis so every route bundle shares
 * one. With REDIS_URL set, news also crosses to the other instances over a Redis channel, so a
 * page served by one instance hears what was done through another.
 */
interface ChangeHub {
  listeners: Map<string, Set<Listener>>;
  /** The subscribed Redis connection, made when the first page listens (with REDIS_URL only). */
  subscriber: Redis | null;
}
const hubKey = Symbol.for("v4chat.workspace-changes");
const holder = globalThis as unknown as Record<symbol, ChangeHub | undefined>;
const hub: ChangeHub = (holder[hubKey] ??= { listeners: new Map(), subscriber: null });
const CHANNEL = `${PREFIX}workspace-changes`;

interface ChannelMessage {
  from: string;
  userId: string;
  page?: string;
  changes: WorkspaceChange[];
}

/** Tells the user's open pages, on every instance, that something changed. Never throws: news is best effort. */
export function announceChange({ userId, page }: ChangeSource, ...changes: WorkspaceChange[]): void {
  deliver({ userId, page }, changes);
  const redis = sharedRedis();
  if (redis) {
    const message: ChannelMessage = { from: INSTANCE_ID, userId, page, changes };
    redis.publish(CHANNEL, JSON.stringify(message)).catch((error: unknown) => console.warn("[events] could not publish a change", error));
  }
}

function deliver({ userId, page }: ChangeSource, changes: readonly WorkspaceChange[]): void {
  const listeners = hub.listeners.get(userId);
  if (!listeners) return;
  for (const listener of [...listeners]) {
    for (const change of changes) {
      try {
        listener(isPageId(page) ? { ...change, page } : change);
      } catch {
        // one broken page must not keep the news from the others
      }
    }
  }
}

/** Hears the user's changes until the returned function is called. */
export function listenForChanges(userId: string, listener: Listener): () => void {
  subscribeOnce();
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

/** Hears the other instances' news (once per process, with REDIS_URL only). */
function subscribeOnce(): void {
  const url = redisUrl();
  if (!url || hub.subscriber) return;
  const subscriber = connectRedis(url);
  hub.subscriber = subscriber;
  subscriber.on("message", (_channel: string, text: string) => {
    try {
      const message = JSON.parse(text) as ChannelMessage;
      // This instance's own news was delivered when it was announced.
      if (message.from !== INSTANCE_ID && typeof message.userId === "string" && Array.isArray(message.changes)) deliver(message, message.changes);
    } catch {
      // not news we know
    }
  });
  subscriber.subscribe(CHANNEL).catch((error: unknown) => {
    console.warn("[events] could not subscribe to the other instances' changes", error);
    hub.subscriber = null;
    subscriber.disconnect();
  });
}
