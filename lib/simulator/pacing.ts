// Timing that feels like the real service: a first-token delay, then tokens
// released in small bursts. Everything divides by the simulator's speed.
import type { BaseModel } from "./protocol";

export interface PaceProfile {
  firstTokenMs: number;
  tokensPerSecond: number;
}

// Flash is visibly quicker than Pro, both to start and to stream.
export const PACE_PROFILES: Readonly<Record<BaseModel, PaceProfile>> = {
  flash: { firstTokenMs: 400, tokensPerSecond: 90 },
  pro: { firstTokenMs: 900, tokensPerSecond: 40 },
};

/** How often a waiting stream gets a `: keep-alive` comment, at speed 1. */
export const KEEP_ALIVE_INTERVAL_MS = 1000;

const MIN_TICK_MS = 4;

/** Resolves after `ms`, or early (without throwing) once `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Waits `totalMs`, calling `onTick` right away and then every `intervalMs`
 * (used for keep-alive comments while the "model" has not started yet).
 */
export async function waitWithTicks(
  totalMs: number,
  intervalMs: number,
  onTick: () => void,
  signal: AbortSignal,
  tickImmediately = true,
): Promise<void> {
  const end = Date.now() + totalMs;
  const interval = Math.max(1, intervalMs);
  if (tickImmediately && !signal.aborted) onTick();
  for (;;) {
    const left = end - Date.now();
    if (left <= 0 || signal.aborted) return;
    // The last stretch ends the wait without a tick of its own.
    if (left <= interval) return sleep(left, signal);
    await sleep(interval, signal);
    if (signal.aborted) return;
    onTick();
  }
}

/**
 * Releases `count` tokens at `tokensPerSecond` in bursts every 20-40 ms (scaled
 * by `speed`). Targets are computed from elapsed time, so timer drift does not
 * accumulate. `emit(from, to)` returns false to stop early.
 */
export async function paceTokens(a: {
  count: number;
  tokensPerSecond: number;
  speed: number;
  signal: AbortSignal;
  emit: (from: number, to: number) => Promise<boolean>;
}): Promise<void> {
  const rate = a.tokensPerSecond * a.speed;
  const start = Date.now();
  let sent = 0;
  while (sent < a.count && !a.signal.aborted) {
    await sleep(Math.max(MIN_TICK_MS, (20 + Math.random() * 20) / a.speed), a.signal);
    if (a.signal.aborted) return;
    const due = Math.min(a.count, Math.floor(((Date.now() - start) * rate) / 1000));
    if (due <= sent) continue;
    if (!(await a.emit(sent, due))) return;
    sent = due;
  }
}
