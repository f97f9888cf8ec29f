import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { announceChange, listenForChanges, listenerCount } = await import("./changes");

describe("workspace changes", () => {
  it("reach the pages of the user who made them, and no one else's", () => {
    const alice = vi.fn();
    const bob = vi.fn();
    const stopAlice = listenForChanges("alice", alice);
    const stopBob = listenForChanges("bob", bob);
    announceChange("alice", { type: "list" }, { type: "conversation", conversationId: "c1" });
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
    announceChange("carol", { type: "list" });
    expect(listener).not.toHaveBeenCalled();
    expect(listenerCount("carol")).toBe(0);
  });

  it("a page whose listener throws does not keep the news from the others", () => {
    const broken = listenForChanges("dan", () => {
      throw new Error("closed");
    });
    const working = vi.fn();
    const stop = listenForChanges("dan", working);
    expect(() => announceChange("dan", { type: "list" })).not.toThrow();
    expect(working).toHaveBeenCalledOnce();
    broken();
    stop();
  });
});
