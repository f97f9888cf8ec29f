/**
 * The server's words when Think Max falls back to Think High (resolveMode in lib/ai/modes.ts),
 * stored in English with each answer: recognised here so the interface can say them in its own
 * language. Null for any other notice.
 */
const THINK_MAX_FALLBACK = /^Think Max needs at least (\d+)K tokens of context; this server offers (\d+)K, so Think High was used\.$/;

export function parseThinkMaxFallback(notice: string): { needed: string; served: string } | null {
  const match = THINK_MAX_FALLBACK.exec(notice);
  return match ? { needed: match[1]!, served: match[2]! } : null;
}
