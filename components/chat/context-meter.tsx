import { formatTokens, formatWindow } from "@/lib/usage/format";

/** Tokens the conversation already fills of the model's context window. */
export function ContextMeter({ used, window }: { used: number; window: number }) {
  if (used <= 0) return null;
  const share = Math.min(used / window, 1);
  const percent = share * 100;
  return (
    <div
      className="flex items-center gap-1.5 text-xs text-muted-foreground"
      title={`${used.toLocaleString()} of ${window.toLocaleString()} tokens of context used`}
      data-testid="context-meter"
    >
      <div
        className="h-1.5 w-14 overflow-hidden rounded-full bg-muted"
        role="meter"
        aria-label="Context used"
        aria-valuemin={0}
        aria-valuemax={window}
        aria-valuenow={used}
      >
        <div
          className={percent > 90 ? "h-full bg-danger" : percent > 70 ? "h-full bg-warning" : "h-full bg-primary"}
          style={{ width: `${Math.max(percent, 2)}%` }}
        />
      </div>
      <span>
        {formatTokens(used)} / {formatWindow(window)}
      </span>
    </div>
  );
}
