import { useTranslations } from "next-intl";
import type { ChatUIMessage } from "@/lib/contract";

/**
 * While a document longer than the window is read in parts: which part of which document, and a
 * bar over all parts; then that the answer combines the parts' summaries.
 */
export function DocumentPartsProgress({ message, streaming }: { message: ChatUIMessage; streaming: boolean }) {
  const t = useTranslations("documents");
  const progress = message.parts.flatMap((part) => (part.type === "data-document-parts" ? [part.data] : [])).pop();
  if (!progress) return null;
  const combining = progress.done >= progress.of;
  const label = combining
    ? t("partsDone", { count: progress.of })
    : t("partsReading", { name: progress.name, part: progress.part, total: progress.total });
  if (combining && !streaming) {
    return (
      <p className="text-xs text-muted-foreground" data-testid="document-parts-done">
        {label}
      </p>
    );
  }
  return (
    <div className="rounded-lg bg-muted/60 px-3 py-2 text-xs" data-testid="document-parts-progress">
      <p aria-live="polite" data-testid="document-parts-label">
        {label}
      </p>
      <div
        className="mt-1.5 h-1.5 w-full overflow-hidden rounded-full bg-background"
        role="progressbar"
        aria-label={t("partsRead")}
        aria-valuemin={0}
        aria-valuemax={progress.of}
        aria-valuenow={progress.done}
      >
        <div className="h-full bg-primary transition-[width]" style={{ width: `${Math.max((progress.done / Math.max(progress.of, 1)) * 100, 3)}%` }} />
      </div>
    </div>
  );
}
