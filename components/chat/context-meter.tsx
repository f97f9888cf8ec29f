import { formatTokens, formatWindow } from "@/lib/usage/format";
import type { DraftSize } from "./composer";

/** Drafts from this many characters show their approximate size beside the meter. */
const DRAFT_SIZE_FROM_CHARS = 2000;

/**
 * How much of the model's context window the conversation fills, with the draft being typed
 * added (its tokens estimated in the browser, so approximate). Shows from the first keystroke.
 */
export function ContextMeter({ used, draft, window }: { used: number; draft?: DraftSize; window: number }) {
  const draftTokens = draft?.tokens ?? 0;
  const total = used + draftTokens;
  if (total <= 0) return null;
  const share = Math.min(total / window, 1);
  const percent = share * 100;
  const approx = draftTokens > 0 ? "≈ " : "";
  const title =
    draftTokens > 0
      ? `About ${total.toLocaleString()} of ${window.toLocaleString()} tokens of context: ${used.toLocaleString()} used by the conversation, about ${draftTokens.toLocaleString()} in your message (estimated from its characters; the exact count comes with the answer)`
      : `${used.toLocaleString()} of ${window.toLocaleString()} tokens of context used`;
  return (
    <div className="flex items-center gap-1.5 text-xs text-muted-foreground" title={title} data-testid="context-meter">
      {draft && draft.chars >= DRAFT_SIZE_FROM_CHARS && (
        <span data-testid="draft-size" className="whitespace-nowrap" title="Approximate size of your message, estimated from its characters">
          ≈ {formatTokens(draftTokens)} tokens
          <span className="mx-1.5 opacity-50">·</span>
        </span>
      )}
      <div
        className="h-1.5 w-14 overflow-hidden rounded-full bg-muted"
        role="meter"
        aria-label="Context used"
        aria-valuemin={0}
        aria-valuemax={window}
        aria-valuenow={total}
      >
        <div
          className={percent > 90 ? "h-full bg-danger" : percent > 70 ? "h-full bg-warning" : "h-full bg-primary"}
          style={{ width: `${Math.max(percent, 2)}%` }}
        />
      </div>
      <span className="whitespace-nowrap">
        {approx}
        {formatTokens(total)} / {formatWindow(window)}
      </span>
    </div>
  );
}
