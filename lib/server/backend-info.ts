import "server-only";
import { backend } from "@/lib/ai/backend";
import { CATALOGUE, MODEL_KEYS } from "@/lib/ai/catalogue";
import { outputTokenCap } from "@/lib/ai/limits";
import { REASONING_MODES, resolveMode, type ReasoningMode } from "@/lib/ai/modes";
import type { BackendInfo } from "@/lib/contract";

/** What the browser may know about the backend: labels and limits, never keys or URLs with secrets. */
export function backendInfo(): BackendInfo {
  const current = backend();
  const now = new Date();
  const models = MODEL_KEYS.map((key) => {
    const info = CATALOGUE[key];
    const quote = current.prices(key, now);
    // Per mode as the user picks it: Think Max that falls back to Think High gets Think High's cap.
    const maxOutputTokens = Object.fromEntries(
      REASONING_MODES.map((mode) => {
        const effective = resolveMode(mode, current.contextWindow, info.capabilities.thinkMaxMinContext).effective;
        return [mode, outputTokenCap({ caps: current.outputCaps, model: key, mode: effective, contextWindow: current.contextWindow })];
      }),
    ) as Record<ReasoningMode, number>;
    return {
      key,
      label: info.label,
      tagline: info.tagline,
      contextWindow: Math.min(info.contextWindow, current.contextWindow),
      prices: quote.prices,
      priceTier: quote.tier,
      maxOutputTokens,
      vision: current.vision(key),
    };
  });
  const probe = resolveMode("think-max", current.contextWindow, CATALOGUE.flash.capabilities.thinkMaxMinContext);
  return {
    kind: current.kind,
    label: current.label,
    isSimulator: current.kind === "simulator",
    models,
    thinkMaxNotice: probe.notice,
  };
}
