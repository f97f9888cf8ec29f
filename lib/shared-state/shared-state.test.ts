// Shared state between instances, on a real Redis (TEST_REDIS_URL, started by
// scripts/test-services.sh). Two connections stand for two instances of the app.
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatError } from "@/lib/errors";
import { followRemoteAnswer, isRunning, listenForStops, mirrorAnswer, runningAnswers, stopRemoteAnswers } from "./answers";
import { claimShared } from "./claims";
import { sharedRecordFailure, sharedRecordSuccess, sharedSecondsUntilAllowed } from "./login-failures";
import { connectRedis } from "./redis";

type Chunk = { type: string; id?: string; delta?: string };
const url = process.env.TEST_REDIS_URL;
const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2, 10)}`;

describe.runIf(url)("shared state in Redis", () => {
  let one: Redis;
  let two: Redis;
  beforeAll(() => {
    one = connectRedis(url!);
    two = connectRedis(url!);
  });
  afterAll(() => {
    one.disconnect();
    two.disconnect();
  });

  it("one answer per conversation and the user's cap hold across instances", async () => {
    const userId = unique("user");
    const first = await claimShared(one, { key: `${userId}:c1`, userId, maxForUser: 2 });
    await expect(claimShared(two, { key: `${userId}:c1`, userId, maxForUser: 2 })).rejects.toThrow(/still being written/);
    const second = await claimShared(two, { key: `${userId}:c2`, userId, maxForUser: 2 });
    const refused = await claimShared(one, { key: `${userId}:c3`, userId, maxForUser: 2 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ChatError);
    expect((refused as ChatError).message).toMatch(/You have 2 answers being written already \(your limit is 2\)/);
    // Someone else is not limited by this user's answers.
    const other = unique("other");
    await (await claimShared(two, { key: `${other}:c3`, userId: other, maxForUser: 2 })).release();
    await first.release();
    await (await claimShared(two, { key: `${userId}:c3`, userId, maxForUser: 2 })).release();
    await second.release();
  });

  it("an answer written on one instance is followed from another: the text so far, then live, then the end", async () => {
    const owner = { userId: unique("user"), conversationId: unique("conv"), messageId: unique("answer") };
    const mirror = mirrorAnswer<Chunk>(one, owner);
    mirror.push({ type: "start" });
    mirror.push({ type: "text-start", id: "t" });
    for (const word of ["Hello", " there", ","]) mirror.push({ type: "text-delta", id: "t", delta: word });
    await expect.poll(() => runningAnswers(two, owner)).toEqual([owner.messageId]);
    expect(await runningAnswers(two, { ...owner, userId: "someone-else" })).toEqual([]);
    expect(await isRunning(two, owner)).toBe(true);

    const reader = followRemoteAnswer<Chunk>(two, owner.messageId).subscribe().getReader();
    const seen: Chunk[] = [];
    const readAll = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        seen.push(value);
      }
    })();
    await expect.poll(() => seen.map((chunk) => chunk.delta ?? "").join("")).toBe("Hello there,");
    mirror.push({ type: "text-delta", id: "t", delta: " friend." });
    mirror.push({ type: "finish" });
    mirror.close();
    await readAll;
    expect(seen.map((chunk) => chunk.delta ?? "").join("")).toBe("Hello there, friend.");
    expect(seen.at(-1)).toEqual({ type: "finish" });
    expect(await isRunning(two, owner)).toBe(false);
  });

  it("Stop pressed on one instance stops the answer on the instance writing it, and waits for its end", async () => {
    const owner = { userId: unique("user"), conversationId: unique("conv"), messageId: unique("answer") };
    const mirror = mirrorAnswer<Chunk>(one, owner);
    mirror.push({ type: "start" });
    const stopped: string[] = [];
    listenForStops(one, (messageId) => {
      stopped.push(messageId);
      if (messageId === owner.messageId) setTimeout(() => mirror.close(), 100);
    });
    await expect.poll(() => isRunning(two, owner)).toBe(true);
    // The subscription is made in the background: ask until it has been heard.
    await expect
      .poll(async () => {
        if (!stopped.includes(owner.messageId)) await two.publish("v4chat:stop", owner.messageId);
        return stopped.includes(owner.messageId);
      })
      .toBe(true);
    await stopRemoteAnswers(two, [owner.messageId]);
    expect(await isRunning(two, owner)).toBe(false);
  });

  it("failed sign-ins count together on every instance", async () => {
    const key = unique("ann@example.com|10.0.0.1");
    const rule = { windowMs: 60_000, maxFailures: 3 };
    const start = Date.now();
    await sharedRecordFailure(one, key, rule, start);
    await sharedRecordFailure(two, key, rule, start + 1000);
    expect(await sharedSecondsUntilAllowed(one, key, rule, start + 2000)).toBe(0);
    await sharedRecordFailure(one, key, rule, start + 2000);
    // The third failure (on either instance) locks both until the first leaves the window.
    expect(await sharedSecondsUntilAllowed(two, key, rule, start + 2000)).toBe(58);
    expect(await sharedSecondsUntilAllowed(one, key, rule, start + 60_001)).toBe(0);
    await sharedRecordSuccess(two, key);
    expect(await sharedSecondsUntilAllowed(one, key, rule, start + 2000)).toBe(0);
  });
});
