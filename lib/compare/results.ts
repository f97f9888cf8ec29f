// The results page's arithmetic: from saved votes and answers to win rates and medians per
// model × mode. Pure; the rows come from lib/db/comparisons.ts.
import type { ModelKey } from "@/lib/ai/catalogue";
import type { ReasoningMode } from "@/lib/ai/modes";
import { tokensPerSecond } from "./figures";

export const VOTE_OUTCOMES = ["better", "tie", "both-bad"] as const;
export type VoteOutcome = (typeof VOTE_OUTCOMES)[number];

/** One answer of a comparison, as the results need it. */
export interface ResultAnswer {
  promptId: string;
  lane: number;
  model: ModelKey;
  mode: ReasoningMode;
  status: string;
  ttftMs: number | null;
  durationMs: number | null;
  outputTokens: number | null;
  costUsd: number | null;
}

export interface ResultVote {
  promptId: string;
  outcome: VoteOutcome;
  winnerLane: number | null;
}

export interface SetupResult {
  /** "flash/think-high" */
  key: string;
  model: ModelKey;
  mode: ReasoningMode;
  /** Answers given (completed or not). */
  answers: number;
  /** Prompts voted on where this setup answered. */
  votes: number;
  wins: number;
  ties: number;
  bothBad: number;
  /** Wins plus half the ties, over votes; undefined without votes. */
  winRate?: number;
  medianTtftMs?: number;
  medianTokensPerSecond?: number;
  /** Mean cost of its answers that have a cost. */
  costPerAnswerUsd?: number;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Per model × mode: how often it won the votes it took part in (a tie counts half, "both bad"
 * counts as a loss for each), and its median TTFT, median tokens per second and cost per answer.
 * A setup that appears twice in one vote (Flash vs Flash) takes part once per pane.
 */
export function setupResults(answers: readonly ResultAnswer[], votes: readonly ResultVote[]): SetupResult[] {
  const bySetup = new Map<string, { model: ModelKey; mode: ReasoningMode; rows: ResultAnswer[]; wins: number; ties: number; bothBad: number; votes: number }>();
  const setupOf = (answer: ResultAnswer) => {
    const key = `${answer.model}/${answer.mode}`;
    let entry = bySetup.get(key);
    if (!entry) {
      entry = { model: answer.model, mode: answer.mode, rows: [], wins: 0, ties: 0, bothBad: 0, votes: 0 };
      bySetup.set(key, entry);
    }
    return entry;
  };
  for (const answer of answers) setupOf(answer).rows.push(answer);

  const answersByPrompt = new Map<string, ResultAnswer[]>();
  for (const answer of answers) answersByPrompt.set(answer.promptId, [...(answersByPrompt.get(answer.promptId) ?? []), answer]);
  for (const vote of votes) {
    for (const answer of answersByPrompt.get(vote.promptId) ?? []) {
      const entry = setupOf(answer);
      entry.votes++;
      if (vote.outcome === "tie") entry.ties++;
      else if (vote.outcome === "both-bad") entry.bothBad++;
      else if (vote.winnerLane === answer.lane) entry.wins++;
    }
  }

  return [...bySetup.entries()]
    .map(([key, entry]) => {
      const ttfts = entry.rows.flatMap((row) => (row.ttftMs !== null && row.status === "complete" ? [row.ttftMs] : []));
      const speeds = entry.rows.flatMap((row) => {
        if (row.status !== "complete" || row.outputTokens === null || row.durationMs === null) return [];
        const speed = tokensPerSecond({ outputTokens: row.outputTokens, ttftMs: row.ttftMs ?? undefined, totalMs: row.durationMs });
        return speed === undefined ? [] : [speed];
      });
      const costs = entry.rows.flatMap((row) => (row.costUsd !== null ? [row.costUsd] : []));
      return {
        key,
        model: entry.model,
        mode: entry.mode,
        answers: entry.rows.length,
        votes: entry.votes,
        wins: entry.wins,
        ties: entry.ties,
        bothBad: entry.bothBad,
        winRate: entry.votes > 0 ? (entry.wins + entry.ties / 2) / entry.votes : undefined,
        medianTtftMs: median(ttfts),
        medianTokensPerSecond: median(speeds),
        costPerAnswerUsd: costs.length > 0 ? costs.reduce((sum, cost) => sum + cost, 0) / costs.length : undefined,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}
