import { describe, expect, it } from "vitest";
import { blindOrder, comparisonTurns, laneHistory } from "./thread";

const node = (id: string, parentId: string | null, role: "user" | "assistant", lane = 0, seq = 1, selected = true) => ({
  id,
  parentId,
  role,
  lane,
  seq,
  selected,
});

describe("comparisonTurns", () => {
  const nodes = [
    node("p1", null, "user"),
    node("a1-0", "p1", "assistant", 0),
    node("a1-1", "p1", "assistant", 1, 1, false),
    node("a1-1b", "p1", "assistant", 1, 2, true),
    node("p2", "p1", "user"),
    node("a2-0", "p2", "assistant", 0),
  ];

  it("walks the prompt chain with each lane's selected answer", () => {
    const turns = comparisonTurns(nodes, 2);
    expect(turns.map((turn) => turn.prompt.id)).toEqual(["p1", "p2"]);
    expect(turns[0]?.answers.map((answer) => answer?.message.id)).toEqual(["a1-0", "a1-1b"]);
    expect(turns[0]?.answers[1]?.version).toEqual({ index: 2, count: 2 });
    expect(turns[1]?.answers[1]).toBeUndefined();
  });

  it("gives each lane a history of the prompts and its own answers only", () => {
    const turns = comparisonTurns(nodes, 2);
    expect(laneHistory(turns, 0).map((message) => message.id)).toEqual(["p1", "a1-0", "p2", "a2-0"]);
    expect(laneHistory(turns, 1).map((message) => message.id)).toEqual(["p1", "a1-1b", "p2"]);
  });
});

describe("blindOrder", () => {
  it("is a permutation that stays the same for one comparison", () => {
    const order = blindOrder("cmp123", 4);
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
    expect(blindOrder("cmp123", 4)).toEqual(order);
  });
  it("differs between comparisons", () => {
    const orders = new Set(["a", "b", "c", "d", "e", "f", "g", "h"].map((seed) => blindOrder(`cmp-${seed}`, 4).join("")));
    expect(orders.size).toBeGreaterThan(1);
  });
});
