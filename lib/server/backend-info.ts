import "server-only";
import { backend } from "@/lib/ai/backend";
import { CATALOGUE, MODEL_KEYS } from "@/lib/ai/catalogue";
import { resolveMode } from "@/lib/ai/modes";
import type { BackendInfo } from "@/lib/contract";

/** What the browser may know about the backend: labels and limits, never keys or URLs with secrets. */
export function backendInfo(): BackendInfo {
  const current = backend();
  const now = new Date();
  const models = MODEL_KEYS.map((key) => {
    const info = CATALOGUE[key];
    const quote = current.prices(key, now);
    return {
      key,
      label: info.label,
      tagline: info.tagline,
      contextWindow: Math.min(info.contextWindow, current.contextWindow),
      prices: quote.prices,
      priceTier: quote.tier,
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
