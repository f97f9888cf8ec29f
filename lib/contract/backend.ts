import type { ModelKey } from "@/lib/ai/catalogue";
import type { ReasoningMode } from "@/lib/ai/modes";
import type { TokenPrices } from "@/lib/usage/prices";
import type { BackendKind, PriceTier } from "./enums";

/** The backend as the browser sees it (built on the server by lib/server/backend-info.ts). */
export interface BackendInfo {
  kind: BackendKind;
  label: string;
  isSimulator: boolean;
  models: Array<{
    key: ModelKey;
    label: string;
    tagline: string;
    contextWindow: number;
    prices: TokenPrices;
    priceTier: PriceTier;
    /** The most output tokens (reasoning included) one answer may have, per mode (sent as max_tokens). */
    maxOutputTokens: Record<ReasoningMode, number>;
    /** Reads images on this backend. */
    vision: boolean;
  }>;
  /** Set when Think Max falls back to Think High on this backend. */
  thinkMaxNotice?: string;
}

/** A conversation as the sidebar and the chat header see it. */
export interface ConversationSummary {
  id: string;
  title: string;
  model: ModelKey;
  mode: ReasoningMode;
  updatedAt: string;
  /** When it was pinned (pinned conversations head the sidebar); null or absent when not pinned. */
  pinnedAt?: string | null;
  /** The folder it is filed in; null or absent for none. */
  folderId?: string | null;
}

/** A folder of conversations in the sidebar. */
export interface FolderSummary {
  id: string;
  name: string;
}

/** Who is using the page, as the sidebar shows it. */
export interface Viewer {
  name: string;
  signedIn: boolean;
  isAdmin: boolean;
}
