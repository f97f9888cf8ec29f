import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Redis } from "ioredis";
import { connectRedis, PREFIX, sharedRedis } from "@/lib/shared-state/redis";

vi.mock("server-only", () => ({}));
const { announceChange, listenForChanges, listenerCount } = await import("./changes");

describe("workspace changes", () => {
  it("reach the pages of the user who made them, and no one else's", () => {
    const alice = vi.fn();
    const bob = vi.fn();
    const stopAlice = listenForChanges("alice", alice);
    const stopBob = listenForChanges("bob", bob);
    announceChange({ userId: "alice" }, { type: "list" }, { type: "conversation", conversationId: "c1" });
    expect(alice.mock.calls).toEqual([[{ type: "list" }], [{ type: "conversation", conversationId: "c1" }]]);
    expect(bob).not.toHaveBeenCalled();
    stopAlice();
    stopBob();
  });

  it("stop when the page stops listening, leaving nothing behind", () => {
    const listener = vi.fn();
    const stop = listenForChanges("carol", listener);
    expect(listenerCount("carol")).toBe(1);
    stop();
    announceChange({ userId: "carol" }, { type: "list" });
    expect(listener).not.toHaveBeenCalled();
    expect(listenerCount("carol")).toBe(0);
  });

  it("a page whose listener throws does not keep the news from the others", () => {
    const broken = listenForChanges("dan", () => {
      throw new Error("closed");
    });
    const working = vi.fn();
    const stop = listenForChanges("dan", working);
    expect(() => announceChange({ userId: "dan" }, { type: "list" })).not.toThrow();
    expect(working).toHaveBeenCalledOnce();
    broken();
    stop();
  });
});

describe("the page that made a change", () => {
  it("is named in the news every page of the user hears (each page passes by its own)", () => {
    const made = vi.fn();
    const other = vi.fn();
    const stopMade = listenForChanges("erin", made);
    const stopOther = listenForChanges("erin", other);
    announceChange({ userId: "erin", page: "page-1234abcd" }, { type: "conversation", conversationId: "c1" });
    for (const listener of [made, other]) expect(listener.mock.calls).toEqual([[{ type: "conversation", conversationId: "c1", page: "page-1234abcd" }]]);
    stopMade();
    stopOther();
  });

  it("is left out when the request named none, or one not shaped like a page id", () => {
    const listener = vi.fn();
    const stop = listenForChanges("frank", listener);
    announceChange({ userId: "frank" }, { type: "list" });
    announceChange({ userId: "frank", page: '"><script>' }, { type: "list" });
    expect(listener.mock.calls).toEqual([[{ type: "list" }], [{ type: "list" }]]);
    stop();
  });
});

// With REDIS_URL the news crosses instances over a channel of JSON (TEST_REDIS_URL, started by
// scripts/test-services.sh); another connection stands for another instance.
const redisUrl = process.env.TEST_REDIS_URL;
describe.runIf(redisUrl)("the page that made a change, across instances", () => {
  const channel = `${PREFIX}workspace-changes`;
  let other: Redis;
  let stopListening = () => {};
  const heard = vi.fn();
  beforeAll(async () => {
    process.env.REDIS_URL = redisUrl;
    other = connectRedis(redisUrl!);
    stopListening = listenForChanges("gina", heard);
    // This instance's subscription is made in the background: wait until it is there.
    await vi.waitFor(async () => {
      const [, subscribers] = (await other.pubsub("NUMSUB", channel)) as [string, number];
      expect(subscribers).toBeGreaterThan(0);
    });
  });
  afterAll(() => {
    stopListening();
    other.disconnect();
    sharedRedis()?.disconnect();
    (globalThis as unknown as Record<symbol, { subscriber: Redis | null }>)[Symbol.for("v4chat.workspace-changes")]?.subscriber?.disconnect();
    delete process.env.REDIS_URL;
  });

  it("is published with the change", async () => {
    const listener = connectRedis(redisUrl!);
    try {
      const published = new Promise<unknown>((resolve) => listener.on("message", (_channel: string, text: string) => resolve(JSON.parse(text))));
      await listener.subscribe(channel);
      announceChange({ userId: "gina", page: "page-5678efgh" }, { type: "list" });
      expect(await published).toEqual({ from: expect.any(String), userId: "gina", page: "page-5678efgh", changes: [{ type: "list" }] });
    } finally {
      listener.disconnect();
    }
  });

  it("reaches the pages here when another instance announces it", async () => {
    heard.mockClear();
    await other.publish(channel, JSON.stringify({ from: "another-instance", userId: "gina", page: "page-9999zzzz", changes: [{ type: "conversation", conversationId: "c7" }] }));
    await vi.waitFor(() => expect(heard).toHaveBeenCalled());
    expect(heard.mock.calls).toEqual([[{ type: "conversation", conversationId: "c7", page: "page-9999zzzz" }]]);
  });
});
