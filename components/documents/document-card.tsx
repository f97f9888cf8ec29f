"use client";

import { AlertCircle, FileText, Loader2, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFigures } from "@/components/i18n/use-figures";
import { cn } from "@/lib/utils";
import { documentFigures, formatFileSize } from "./figures";
import { DocumentPreview } from "./document-preview";
import type { UploadProgress } from "./upload-client";

function progressText(progress: UploadProgress | null, t: ReturnType<typeof useTranslations<"documents">>): { label: string; share: number | null } {
  if (!progress) return { label: t("starting"), share: null };
  const share = progress.total > 0 ? Math.min(progress.done / progress.total, 1) : null;
  if (progress.stage === "reading") return { label: t("readingPage", { done: progress.done, total: progress.total }), share };
  if (progress.stage === "rendering") return { label: t("drawingPage", { done: progress.done, total: progress.total }), share };
  if (progress.stage === "sending") return { label: t("uploading", { done: formatFileSize(progress.done), total: formatFileSize(progress.total) }), share };
  return { label: t("stageBusy", { stage: t(`stages.${progress.stage}`) }), share };
}

/**
 * A document on a message or a draft: name and figures; clicking it opens the extracted text.
 * While uploading it shows its progress, and a failed upload says why.
 */
export function DocumentCard({
  name,
  document,
  progress,
  error,
  uploading = false,
  onRemove,
  className,
}: {
  name: string;
  document?: { id: string; kind: string; pages: number | null; chars: number; tokens: number };
  progress?: UploadProgress | null;
  error?: string;
  uploading?: boolean;
  onRemove?: () => void;
  className?: string;
}) {
  const t = useTranslations("documents");
  const figures = useFigures();
  const [previewing, setPreviewing] = useState(false);
  const status = uploading ? progressText(progress ?? null, t) : null;
  return (
    <div
      className={cn(
        "relative flex max-w-full min-w-0 items-center gap-2.5 rounded-xl border bg-card px-3 py-2 text-left text-sm",
        error ? "border-danger/50" : "border-border",
        className,
      )}
      data-testid="document-card"
      data-state={error ? "failed" : uploading ? "uploading" : "ready"}
    >
      <span className={cn("flex h-8 w-8 shrink-0 items-center justify-center rounded-lg", error ? "bg-danger/10 text-danger" : "bg-primary/10 text-primary")}>
        {error ? <AlertCircle className="h-4 w-4" /> : uploading ? <Loader2 className="h-4 w-4 animate-spin" /> : <FileText className="h-4 w-4" />}
      </span>
      <div className="min-w-0 flex-1">
        {document ? (
          <button
            type="button"
            className="block max-w-full truncate font-medium underline-offset-2 hover:underline focus-visible:underline"
            onClick={() => setPreviewing(true)}
            title={t("previewOf", { name })}
          >
            {name}
          </button>
        ) : (
          <p className="truncate font-medium">{name}</p>
        )}
        {document && (
          <p className="text-xs text-muted-foreground" data-testid="document-figures">
            {documentFigures(document, t, figures).join(" · ")}
          </p>
        )}
        {status && (
          <div className="mt-1">
            <p className="text-xs text-muted-foreground" aria-live="polite">
              {status.label}
            </p>
            <div className="mt-1 h-1 w-full overflow-hidden rounded-full bg-muted" role="progressbar" aria-label={`${name}: ${status.label}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={status.share === null ? undefined : Math.round(status.share * 100)}>
              <div className="h-full bg-primary transition-[width]" style={{ width: `${Math.round((status.share ?? 0.05) * 100)}%` }} />
            </div>
          </div>
        )}
        {error && (
          <p role="alert" className="text-xs text-danger" data-testid="document-error">
            {error}
          </p>
        )}
      </div>
      {onRemove && (
        <button
          type="button"
          onClick={onRemove}
          aria-label={t("remove", { name })}
          className="flex h-7 w-7 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground"
        >
          <X className="h-4 w-4" />
        </button>
      )}
      {previewing && document && <DocumentPreview documentId={document.id} name={name} onClose={() => setPreviewing(false)} />}
    </div>
  );
}
