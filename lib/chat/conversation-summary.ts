import { DEFAULT_MODEL, isModelKey } from "@/lib/ai/catalogue";
import { DEFAULT_MODE, isReasoningMode } from "@/lib/ai/modes";
import type { ConversationSummary } from "@/lib/contract";

export function toConversationSummary(row: {
  id: string;
  title: string;
  model: string;
  mode: string;
  updatedAt: Date;
  pinnedAt?: Date | null;
  folderId?: string | null;
}): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    model: isModelKey(row.model) ? row.model : DEFAULT_MODEL,
    mode: isReasoningMode(row.mode) ? row.mode : DEFAULT_MODE,
    updatedAt: row.updatedAt.toISOString(),
    pinnedAt: row.pinnedAt ? row.pinnedAt.toISOString() : null,
    folderId: row.folderId ?? null,
  };
}
