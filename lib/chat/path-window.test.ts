import { describe, expect, it } from "vitest";
import type { ChatUIMessage } from "@/lib/contract";
import { windowOfPath } from "./path-window";

/** A path of `turns` prompt/answer pairs: p1, a1, p2, a2, … */
function path(turns: number): ChatUIMessage[] {
  return Array.from({ length: turns * 2 }, (_, index) => ({
    id: `${index % 2 === 0 ? "p" : "a"}${Math.floor(index / 2) + 1}`,
    role: index % 2 === 0 ? "user" : "assistant",
    parts: [],
  }));
}
const ids = (messages: ChatUIMessage[]) => messages.map((message) => message.id);

describe("windowOfPath", () => {
  it("gives the whole path when no size is asked for, or when it is short", () => {
    expect(windowOfPath(path(3))).toEqual({ messages: path(3), earlier: 0 });
    expect(windowOfPath(path(3), { last: 40 })).toEqual({ messages: path(3), earlier: 0 });
  });

  it("takes the last messages, starting at a prompt", () => {
    expect(ids(windowOfPath(path(5), { last: 4 }).messages)).toEqual(["p4", "a4", "p5", "a5"]);
    // Three would start on an answer: widened to its prompt.
    const odd = windowOfPath(path(5), { last: 3 });
    expect(ids(odd.messages)).toEqual(["p4", "a4", "p5", "a5"]);
    expect(odd.earlier).toBe(6);
  });

  it("ends with a prompt still waiting for its answer", () => {
    const waiting = [...path(3), { id: "p4", role: "user" as const, parts: [] }];
    expect(ids(windowOfPath(waiting, { last: 2 }).messages)).toEqual(["p3", "a3", "p4"]);
  });

  it("reaches back to a message the page must show", () => {
    const window = windowOfPath(path(50), { last: 4, include: "a10" });
    expect(window.messages[0]?.id).toBe("p10");
    expect(window.earlier).toBe(18);
    expect(window.messages.at(-1)?.id).toBe("a50");
  });

  it("starts from a given position, widened to its prompt", () => {
    expect(ids(windowOfPath(path(5), { from: 7 }).messages)).toEqual(["p4", "a4", "p5", "a5"]);
    expect(windowOfPath(path(5), { from: 0 }).earlier).toBe(0);
    expect(windowOfPath(path(2), { from: 99 }).earlier).toBe(2);
  });

  it("ignores an id that is not on the path", () => {
    expect(windowOfPath(path(50), { last: 4, include: "nope" }).earlier).toBe(96);
  });
});
