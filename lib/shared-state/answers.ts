// Running answers seen from every instance, through Redis:
// - the instance writing an answer announces it (who owns it, which conversation) and copies its
//   UI chunks into a Redis stream, a few times a second;
// - another instance follows it by reading that stream from the start (folded into a local
//   StreamHub, so a late reader gets the answer so far as a handful of chunks, then the rest live);
// - Stop pressed on another instance is published on a channel; the writing instance stops it.
import type { Redis } from "ioredis";
import { StreamHub, uiChunkCompaction, uiChunkSize } from "@/lib/chat/stream-hub";
import { INSTANCE_ID, PREFIX } from "./redis";

/** How often chunks are copied to Redis (one XADD per flush, not one per token). */
const FLUSH_EVERY_MS = 40;
/** The announcement lives this long without renewal (a crashed instance's answers disappear). */
const ANSWER_TTL_S = 30;
/** A finished answer's stream stays this long for followers that are still reading it. */
const FINISHED_STREAM_TTL_S = 120;
/** A follower waits this long for news before checking that the answer still runs. */
const READ_BLOCK_MS = 5_000;

const answerKey = (messageId: string) => `${PREFIX}answer:${messageId}`;
const streamKey = (messageId: string) => `${PREFIX}stream:${messageId}`;
const conversationKey = (conversationId: string) => `${PREFIX}conversation-answers:${conversationId}`;
const STOP_CHANNEL = `${PREFIX}stop`;

export interface AnswerOwner {
  userId: string;
  conversationId: string;
  messageId: string;
}

/** What a generation's stream hub calls for every chunk and at the end. */
export interface StreamMirror<T> {
  push(chunk: T): void;
  close(): void;
}

/**
 * Announces a running answer and returns the mirror that copies its chunks to Redis. Writes go
 * out in order on one chain; a failing Redis is logged and never disturbs the answer itself.
 */
export function mirrorAnswer<T>(redis: Redis, owner: AnswerOwner): StreamMirror<T> {
  const { messageId, conversationId } = owner;
  let chain: Promise<unknown> = Promise.resolve();
  const enqueue = (work: () => Promise<unknown>) => {
    chain = chain.then(work).catch((error: unknown) => console.error(`[shared-state] answer ${messageId}:`, error));
  };
  enqueue(() =>
    redis
      .multi()
      .hset(answerKey(messageId), { userId: owner.userId, conversationId, instance: INSTANCE_ID })
      .expire(answerKey(messageId), ANSWER_TTL_S)
      .sadd(conversationKey(conversationId), messageId)
      .expire(conversationKey(conversationId), ANSWER_TTL_S * 4)
      .exec(),
  );
  const renew = setInterval(() => enqueue(() => redis.expire(answerKey(messageId), ANSWER_TTL_S)), (ANSWER_TTL_S * 1000) / 3);
  renew.unref();

  let pending: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (pending.length === 0) return;
    const batch = JSON.stringify(pending);
    pending = [];
    enqueue(() => redis.multi().xadd(streamKey(messageId), "*", "c", batch).expire(streamKey(messageId), 3600).exec());
  };
  return {
    push(chunk) {
      pending.push(chunk);
      timer ??= setTimeout(flush, FLUSH_EVERY_MS);
    },
    close() {
      clearInterval(renew);
      if (timer) clearTimeout(timer);
      flush();
      enqueue(() =>
        redis
          .multi()
          .xadd(streamKey(messageId), "*", "end", "1")
          .expire(streamKey(messageId), FINISHED_STREAM_TTL_S)
          .del(answerKey(messageId))
          .srem(conversationKey(conversationId), messageId)
          .exec(),
      );
    },
  };
}

async function ownerOf(redis: Redis, messageId: string): Promise<AnswerOwner | null> {
  const row = await redis.hgetall(answerKey(messageId));
  if (!row.userId || !row.conversationId) return null;
  return { userId: row.userId, conversationId: row.conversationId, messageId };
}

/** The answers running on any instance in a conversation, only for its owner. */
export async function runningAnswers(redis: Redis, { userId, conversationId }: { userId: string; conversationId: string }): Promise<string[]> {
  const ids = await redis.smembers(conversationKey(conversationId));
  const owners = await Promise.all(ids.map((id) => ownerOf(redis, id)));
  return owners.filter((owner) => owner !== null && owner.userId === userId).map((owner) => owner!.messageId);
}

/** Whether an answer runs on some instance, for its owner. */
export async function isRunning(redis: Redis, { userId, messageId }: { userId: string; messageId: string }): Promise<boolean> {
  return (await ownerOf(redis, messageId))?.userId === userId;
}

/** Every answer running on any instance (the start-up check must not call them interrupted). */
export async function allRunningAnswerIds(redis: Redis): Promise<string[]> {
  const ids: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${PREFIX}answer:*`, "COUNT", 500);
    cursor = next;
    for (const key of keys) ids.push(key.slice(`${PREFIX}answer:`.length));
  } while (cursor !== "0");
  return ids;
}

const followedKey = Symbol.for("v4chat.shared-state.followed");
type Followed = Map<string, StreamHub<unknown>>;
function followed(): Followed {
  const holder = globalThis as typeof globalThis & { [followedKey]?: Followed };
  holder[followedKey] ??= new Map();
  return holder[followedKey];
}

/**
 * A hub fed from the answer's Redis stream: what was sent so far, then the rest live, until the
 * end marker (or the answer disappears without one: its instance died). One reading connection
 * per answer per instance, however many tabs follow it here.
 */
export function followRemoteAnswer<T extends { type: string }>(redis: Redis, messageId: string): StreamHub<T> {
  const hubs = followed();
  const existing = hubs.get(messageId) as StreamHub<T> | undefined;
  if (existing) return existing;
  const hub = new StreamHub<T>({ compaction: uiChunkCompaction<T>(), size: uiChunkSize });
  hubs.set(messageId, hub as StreamHub<unknown>);
  const reader = redis.duplicate();
  void (async () => {
    let lastId = "0";
    try {
      for (;;) {
        const result = await reader.xread("BLOCK", READ_BLOCK_MS, "STREAMS", streamKey(messageId), lastId);
        if (!result) {
          if (!(await redis.exists(answerKey(messageId)))) break;
          continue;
        }
        for (const [, entries] of result) {
          for (const [id, fields] of entries) {
            lastId = id;
            const field = fields[0];
            const value = fields[1] ?? "";
            if (field === "end") return;
            if (field === "c") for (const chunk of JSON.parse(value) as T[]) hub.push(chunk);
          }
        }
      }
    } catch (error) {
      console.error(`[shared-state] following answer ${messageId} failed`, error);
    } finally {
      hub.close();
      hubs.delete(messageId);
      reader.disconnect();
    }
  })();
  return hub;
}

type StopListener = (messageId: string) => void;
const stopKey = Symbol.for("v4chat.shared-state.stop");

/** Listens for Stop pressed on any instance; `onStop` stops the answer if it runs here. */
export function listenForStops(redis: Redis, onStop: StopListener): void {
  const holder = globalThis as typeof globalThis & { [stopKey]?: Redis };
  if (holder[stopKey]) return;
  const subscriber = redis.duplicate();
  holder[stopKey] = subscriber;
  subscriber.on("message", (_channel: string, messageId: string) => onStop(messageId));
  void subscriber.subscribe(STOP_CHANNEL).catch((error: unknown) => console.error("[shared-state] stop channel", error));
}

/** Asks whichever instance runs these answers to stop them, and waits until they have ended. */
export async function stopRemoteAnswers(redis: Redis, messageIds: string[], { timeoutMs = 60_000 } = {}): Promise<void> {
  if (messageIds.length === 0) return;
  for (const id of messageIds) await redis.publish(STOP_CHANNEL, id);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const left = await Promise.all(messageIds.map((id) => redis.exists(answerKey(id))));
    if (left.every((exists) => exists === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
