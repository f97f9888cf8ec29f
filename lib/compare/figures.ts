// The figures shown on each pane of a comparison, live while an answer streams and final once it
// has ended, and the markers (fastest, cheapest, longest) across panes. Pure arithmetic, shared by
// server and browser; the money itself comes from lib/usage.
import type { AnswerUsage, ChatMessageMetadata } from "@/lib/contract";
import { computeCost } from "@/lib/usage/cost";
import { estimateTokens } from "@/lib/usage/estimate";
import type { TokenPrices } from "@/lib/usage/prices";

/** One pane's figures. Undefined means "not known (yet)". */
export interface PaneFigures {
  ttftMs?: number;
  reasoningMs?: number;
  totalMs?: number;
  /** Output tokens (reasoning included) per second of generation after the first token. */
  tokensPerSecond?: number;
  inputTokens?: number;
  cacheHitTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  costUsd?: number;
  /** Counted in the browser while streaming (or by the server for a cut-off answer), not reported by the upstream. */
  estimated: boolean;
  final: boolean;
}

/**
 * Output tokens per second: tokens over the time from the first token to the end. The wait
 * before the first token is the TTFT figure's job, so it does not drag this one down. Undefined
 * when there is no meaningful interval (fewer than 2 tokens or under 50 ms of generation).
 */
export function tokensPerSecond({ outputTokens, ttftMs, totalMs }: { outputTokens: number; ttftMs?: number; totalMs: number }): number | undefined {
  const generating = totalMs - (ttftMs ?? 0);
  if (outputTokens < 2 || generating < 50) return undefined;
  return (outputTokens * 1000) / generating;
}

/**
 * What the cache hits saved on an answer's input, and its cost, at the given prices (cache hits
 * are billed at the cache-hit price, the rest at the miss price).
 */
export function costWithCache(usage: AnswerUsage, prices: TokenPrices): { totalUsd: number; savedByCacheUsd: number } {
  const cost = computeCost(usage, prices);
  const savedByCacheUsd = (usage.cacheHitTokens * (prices.cacheMissInput - prices.cacheHitInput)) / 1_000_000;
  return { totalUsd: cost.totalUsd, savedByCacheUsd };
}

/** What the browser has seen of a live answer: when it started and when each kind of output began. */
export interface LiveClock {
  startedAt: number;
  firstTokenAt?: number;
  /** When the answer text began (reasoning ended). */
  textStartedAt?: number;
  now: number;
}

/**
 * Figures while an answer streams, from the browser's own clock and an estimate of the tokens that
 * arrived (the upstream reports usage only at the end).
 */
export function liveFigures({ clock, reasoning, text, prices }: { clock: LiveClock; reasoning: string; text: string; prices?: TokenPrices }): PaneFigures {
  const reasoningTokens = estimateTokens(reasoning);
  const outputTokens = reasoningTokens + estimateTokens(text);
  const totalMs = clock.now - clock.startedAt;
  const ttftMs = clock.firstTokenAt !== undefined ? clock.firstTokenAt - clock.startedAt : undefined;
  const reasoningMs =
    reasoning && clock.firstTokenAt !== undefined ? (clock.textStartedAt ?? clock.now) - clock.firstTokenAt : undefined;
  return {
    ttftMs,
    reasoningMs,
    totalMs,
    tokensPerSecond: tokensPerSecond({ outputTokens, ttftMs, totalMs }),
    outputTokens,
    reasoningTokens,
    // Input is known only at the end; the live cost is the output so far.
    costUsd: prices ? (outputTokens * prices.output) / 1_000_000 : undefined,
    estimated: true,
    final: false,
  };
}

/** Figures of an answer that has ended, from its metadata (the same record the chat shows). */
export function finalFigures(meta: ChatMessageMetadata): PaneFigures {
  const usage = meta.usage;
  return {
    ttftMs: meta.ttftMs,
    reasoningMs: meta.reasoningMs,
    totalMs: meta.durationMs,
    tokensPerSecond:
      usage && meta.durationMs !== undefined ? tokensPerSecond({ outputTokens: usage.outputTokens, ttftMs: meta.ttftMs, totalMs: meta.durationMs }) : undefined,
    inputTokens: usage?.inputTokens,
    cacheHitTokens: usage?.cacheHitTokens,
    outputTokens: usage?.outputTokens,
    reasoningTokens: usage?.reasoningTokens,
    costUsd: meta.costUsd,
    estimated: meta.usageEstimated === true,
    final: true,
  };
}

export type Marker = "fastest" | "cheapest" | "longest";

/**
 * Which pane wins each marker: fastest (least total time), cheapest (least cost), longest (most
 * output tokens). Only finished answers that completed take part, and only when at least two do;
 * a tie marks every pane that shares the best figure.
 */
export function paneMarkers(panes: ReadonlyArray<{ figures: PaneFigures; complete: boolean }>): Marker[][] {
  const markers: Marker[][] = panes.map(() => []);
  const eligible = panes.map((pane, index) => ({ ...pane, index })).filter((pane) => pane.complete && pane.figures.final);
  if (eligible.length < 2) return markers;
  const mark = (marker: Marker, value: (figures: PaneFigures) => number | undefined, best: "min" | "max") => {
    const values = eligible.map((pane) => ({ index: pane.index, value: value(pane.figures) })).filter((entry) => entry.value !== undefined);
    if (values.length < 2) return;
    const numbers = values.map((entry) => entry.value as number);
    const target = best === "min" ? Math.min(...numbers) : Math.max(...numbers);
    // Everyone equal: nothing stands out.
    if (numbers.every((number) => number === target)) return;
    for (const entry of values) if (entry.value === target) markers[entry.index]?.push(marker);
  };
  mark("fastest", (figures) => figures.totalMs, "min");
  mark("cheapest", (figures) => figures.costUsd, "min");
  mark("longest", (figures) => figures.outputTokens, "max");
  return markers;
}
