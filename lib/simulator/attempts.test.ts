import { describe, expect, it } from "vitest";
import { writeAnswer } from "./answer-writer";
import { AttemptCounter } from "./attempts";

describe("attempts at the same request", () => {
  it("are numbered 0, 1, 2 per request, and forget the oldest requests beyond the bound", () => {
    const counter = new AttemptCounter(2);
    expect([counter.next("a"), counter.next("a"), counter.next("b"), counter.next("a")]).toEqual([0, 1, 0, 2]);
    counter.next("c"); // "b" is now the oldest and is forgotten
    expect(counter.next("b")).toBe(0);
  });

  it("vary the answer deterministically: attempt n always reads the same, and differs from the others", () => {
    const ask = (attempt: number) =>
      writeAnswer({ base: "flash", thinking: true, effort: "high", messages: [{ role: "user", content: "Explain write-ahead logs" }], attempt });
    expect(ask(0)).toEqual(ask(0));
    expect(ask(1)).toEqual(ask(1));
    expect(ask(1).content).not.toBe(ask(0).content);
    expect(ask(2).content).not.toBe(ask(1).content);
    // Attempt 0 is what the simulator always answered to a first request.
    expect(ask(0)).toEqual(writeAnswer({ base: "flash", thinking: true, effort: "high", messages: [{ role: "user", content: "Explain write-ahead logs" }] }));
  });
});
