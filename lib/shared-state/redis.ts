// The Redis connection shared by one app instance, when REDIS_URL is set. Without it everything
// in lib/shared-state stays in this process (the single-instance default).
import { Redis } from "ioredis";

const holderKey = Symbol.for("v4chat.redis");
type Holder = { url: string; client: Redis };

/** REDIS_URL as the process sees it (read directly: the launcher and scripts use it too). */
export function redisUrl(): string | undefined {
  return process.env.REDIS_URL?.trim() || undefined;
}

/** A new connection (the caller owns it and quits it); commands fail fast instead of queueing forever. */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true, connectionName: "v4chat" });
}

/** The process-wide connection for REDIS_URL, or null when Redis is not configured. */
export function sharedRedis(): Redis | null {
  const url = redisUrl();
  if (!url) return null;
  const holder = globalThis as typeof globalThis & { [holderKey]?: Holder };
  if (!holder[holderKey] || holder[holderKey].url !== url) holder[holderKey] = { url, client: connectRedis(url) };
  return holder[holderKey].client;
}

/** A name for this process among the instances (for logs and the answers it runs). */
export const INSTANCE_ID = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

/** Key prefix: one Redis may serve other things too. */
export const PREFIX = "v4chat:";
