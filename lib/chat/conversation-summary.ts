import { DEFAULT_MODEL, isModelKey, type ModelKey } from "@/lib/ai/catalogue";
import { DEFAULT_MODE, isReasoningMode, type ReasoningMode } from "@/lib/ai/modes";

/** A conversation as the sidebar and the chat header see it. */
export interface ConversationSummary {
  id: string;
  title: string;
  model: ModelKey;
  mode: ReasoningMode;
  updatedAt: string;
}

export function toConversationSummary(row: {
  id: string;
  title: string;
  model: string;
  mode: string;
  updatedAt: Date;
}): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    model: isModelKey(row.model) ? row.model : DEFAULT_MODEL,
    mode: isReasoningMode(row.mode) ? row.mode : DEFAULT_MODE,
    updatedAt: row.updatedAt.toISOString(),
  };
}
