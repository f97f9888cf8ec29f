import { describe, expect, it } from "vitest";
import { median, setupResults, type ResultAnswer, type ResultVote } from "./results";

const answer = (promptId: string, lane: number, model: "flash" | "pro", extra: Partial<ResultAnswer> = {}): ResultAnswer => ({
  promptId,
  lane,
  model,
  mode: "think-high",
  status: "complete",
  ttftMs: 500,
  durationMs: 2500,
  outputTokens: 400,
  costUsd: 0.001,
  ...extra,
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});

describe("setupResults", () => {
  it("counts wins, half a tie, and both bad as a loss", () => {
    const answers = [
      answer("p1", 0, "flash"),
      answer("p1", 1, "pro"),
      answer("p2", 0, "flash"),
      answer("p2", 1, "pro"),
      answer("p3", 0, "flash"),
      answer("p3", 1, "pro"),
      answer("p4", 0, "flash"),
      answer("p4", 1, "pro"),
    ];
    const votes: ResultVote[] = [
      { promptId: "p1", outcome: "better", winnerLane: 1 },
      { promptId: "p2", outcome: "better", winnerLane: 1 },
      { promptId: "p3", outcome: "tie", winnerLane: null },
      { promptId: "p4", outcome: "both-bad", winnerLane: null },
    ];
    const [flash, pro] = setupResults(answers, votes);
    expect(flash).toMatchObject({ key: "flash/think-high", votes: 4, wins: 0, ties: 1, bothBad: 1 });
    expect(flash?.winRate).toBeCloseTo(0.5 / 4);
    expect(pro).toMatchObject({ key: "pro/think-high", votes: 4, wins: 2, ties: 1 });
    expect(pro?.winRate).toBeCloseTo(2.5 / 4);
  });

  it("tells modes of one model apart and leaves the win rate unknown without votes", () => {
    const results = setupResults([answer("p1", 0, "flash", { mode: "non-think" }), answer("p1", 1, "flash", { mode: "think-max" })], []);
    expect(results.map((result) => result.key)).toEqual(["flash/non-think", "flash/think-max"]);
    expect(results[0]?.winRate).toBeUndefined();
  });

  it("takes medians over completed answers and averages the cost over every priced answer", () => {
    const results = setupResults(
      [
        answer("p1", 0, "pro", { ttftMs: 100, durationMs: 1100, outputTokens: 100, costUsd: 0.002 }),
        answer("p2", 0, "pro", { ttftMs: 300, durationMs: 2300, outputTokens: 400, costUsd: 0.004 }),
        answer("p3", 0, "pro", { ttftMs: 900, durationMs: 1900, outputTokens: 1000, costUsd: 0.006 }),
        answer("p4", 0, "pro", { status: "error", ttftMs: null, durationMs: 10, outputTokens: null, costUsd: null }),
      ],
      [],
    );
    const [pro] = results;
    expect(pro?.answers).toBe(4);
    expect(pro?.medianTtftMs).toBe(300);
    // 100/s, 200/s, 1000/s
    expect(pro?.medianTokensPerSecond).toBeCloseTo(200);
    expect(pro?.costPerAnswerUsd).toBeCloseTo(0.004);
  });
});
