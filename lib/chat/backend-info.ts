import type { ModelKey } from "@/lib/ai/catalogue";
import type { TokenPrices } from "@/lib/usage/prices";

/** The backend as the browser sees it (built on the server by lib/server/backend-info.ts). */
export interface BackendInfo {
  kind: "deepseek" | "openrouter" | "openai-compatible" | "simulator";
  label: string;
  isSimulator: boolean;
  models: Array<{
    key: ModelKey;
    label: string;
    tagline: string;
    contextWindow: number;
    prices: TokenPrices;
    priceTier: "peak" | "off-peak" | "standard";
  }>;
  /** Set when Think Max falls back to Think High on this backend. */
  thinkMaxNotice?: string;
}
