/**
 * Reasoning modes as the product names them. How each is sent upstream is the backend's job;
 * whether Think Max is available depends on the context the backend serves.
 */

export const REASONING_MODES = ["non-think", "think-high", "think-max"] as const;
export type ReasoningMode = (typeof REASONING_MODES)[number];

export const MODE_LABELS: Record<ReasoningMode, string> = {
  "non-think": "Non-think",
  "think-high": "Think High",
  "think-max": "Think Max",
};

export const DEFAULT_MODE: ReasoningMode = "think-high";

export function isReasoningMode(value: unknown): value is ReasoningMode {
  return typeof value === "string" && (REASONING_MODES as readonly string[]).includes(value);
}

export interface EffectiveMode {
  requested: ReasoningMode;
  effective: ReasoningMode;
  /** Why the effective mode differs from the requested one, in words for the user. */
  notice?: string;
}

/**
 * Think Max needs at least `minContext` tokens of context (the model card says 384K).
 * A backend that serves less gets Think High instead, and the user is told.
 */
export function resolveMode(
  requested: ReasoningMode,
  backendContextWindow: number,
  minContext: number,
): EffectiveMode {
  if (requested === "think-max" && backendContextWindow < minContext) {
    const served = Math.floor(backendContextWindow / 1024);
    return {
      requested,
      effective: "think-high",
      notice: `Think Max needs at least ${Math.floor(minContext / 1024)}K tokens of context; this server offers ${served}K, so Think High was used.`,
    };
  }
  return { requested, effective: requested };
}
