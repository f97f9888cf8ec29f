import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DeltaBatcher } from "./delta-batcher";

type Chunk = { type: string; id?: string; delta?: string };

describe("DeltaBatcher", () => {
  let sent: Chunk[];
  let batcher: DeltaBatcher<Chunk>;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    batcher = new DeltaBatcher<Chunk>((chunk) => sent.push(chunk), 30);
  });
  afterEach(() => vi.useRealTimers());

  it("sends the first delta at once, and joins those that follow within the window", () => {
    batcher.delta("text-delta", "t", "Hel");
    expect(sent).toEqual([{ type: "text-delta", id: "t", delta: "Hel" }]);
    batcher.delta("text-delta", "t", "lo");
    batcher.delta("text-delta", "t", ", ");
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(29);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent.at(-1)).toEqual({ type: "text-delta", id: "t", delta: "lo, " });
    // After a pause longer than the window, the next delta goes at once again.
    vi.advanceTimersByTime(100);
    batcher.delta("text-delta", "t", "world");
    expect(sent.at(-1)).toEqual({ type: "text-delta", id: "t", delta: "world" });
    expect(sent.map((chunk) => chunk.delta).join("")).toBe("Hello, world");
  });

  it("keeps the order: another part, or any other chunk, sends what waits first", () => {
    batcher.delta("reasoning-delta", "r", "think");
    batcher.delta("reasoning-delta", "r", "ing");
    batcher.push({ type: "reasoning-end", id: "r" });
    batcher.delta("text-delta", "t", "A");
    batcher.delta("text-delta", "t", "B");
    batcher.delta("reasoning-delta", "r2", "C");
    batcher.flush();
    expect(sent).toEqual([
      { type: "reasoning-delta", id: "r", delta: "think" },
      { type: "reasoning-delta", id: "r", delta: "ing" },
      { type: "reasoning-end", id: "r" },
      { type: "text-delta", id: "t", delta: "AB" },
      { type: "reasoning-delta", id: "r2", delta: "C" },
    ]);
    // Nothing is left to fire later.
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(5);
  });
});
