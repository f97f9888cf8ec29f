"use client";

import { AlertCircle, ImageOff, Loader2, X } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ModelKey } from "@/lib/ai/catalogue";
import type { BackendInfo } from "@/lib/contract";
import { IMAGE_TOKENS_CEILING } from "@/lib/images/formats";
import { useFigures } from "@/components/i18n/use-figures";
import { Button } from "@/components/ui/button";
import { useImageCaption } from "./figures";
import { ImageThumb } from "./image-thumb";
import type { DraftImage, ImageDrafts } from "./use-image-drafts";

/**
 * Above the message box: the draft's images as thumbnails (uploading, ready or refused), what
 * they add to the prompt, and, when the chosen model cannot see images, why nothing will be
 * sent and the way out.
 */
export function ImageTray({ drafts, backend, model, onModelChange }: { drafts: ImageDrafts; backend: BackendInfo; model: ModelKey; onModelChange: (model: ModelKey) => void }) {
  const t = useTranslations("images");
  const figures = useFigures();
  if (drafts.drafts.length === 0) return null;
  const chosen = backend.models.find((info) => info.key === model);
  const seeing = backend.models.find((info) => info.vision);
  const usd = chosen ? (drafts.tokens * chosen.prices.cacheMissInput) / 1_000_000 : 0;
  const count = drafts.ready.length;
  return (
    <div className="flex flex-col gap-2 px-2.5 pt-2.5" data-testid="image-tray">
      <DraftImageList drafts={drafts} />
      {chosen && !chosen.vision ? (
        <div role="alert" className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-warning/40 bg-warning/10 px-3 py-2 text-sm" data-testid="vision-notice">
          <ImageOff className="h-4 w-4 shrink-0 text-warning" aria-hidden />
          <p className="min-w-0 flex-1">
            {seeing ? (
              <>
                <span className="font-medium">{t("needModel", { model: seeing.label })}</span> {t("cannotSee", { model: chosen.label })}
              </>
            ) : (
              <>
                <span className="font-medium">{t("backendNoImages", { backend: backend.label })}</span> {t("removeToSend")}
              </>
            )}
          </p>
          <div className="flex gap-2">
            {seeing && (
              <Button size="sm" variant="primary" onClick={() => onModelChange(seeing.key)}>
                {t("switchTo", { model: seeing.label })}
              </Button>
            )}
            <Button size="sm" variant="outline" onClick={drafts.clear}>
              {t("removeAll")}
            </Button>
          </div>
        </div>
      ) : (
        count > 0 &&
        chosen && (
          <p className="text-xs text-muted-foreground" data-testid="image-estimate" title={t("estimateTitle", { ceiling: IMAGE_TOKENS_CEILING })}>
            {t("estimate", { count, tokens: figures.count(drafts.tokens), cost: figures.usd(usd), model: chosen.label })}
          </p>
        )
      )}
    </div>
  );
}

/** The draft's thumbnails, each with its remove button, and why any was refused. */
export function DraftImageList({ drafts }: { drafts: ImageDrafts }) {
  const t = useTranslations("images");
  return (
    <>
      <ul className="-mt-1.5 flex gap-2 overflow-x-auto pt-1.5 pr-1.5 pb-0.5" aria-label={t("listDraft")}>
        {drafts.drafts.map((draft) => (
          <li key={draft.key} className="relative shrink-0" data-state={draft.state} data-testid="draft-image">
            <DraftThumb draft={draft} />
            <button
              type="button"
              onClick={() => drafts.remove(draft.key)}
              aria-label={t("remove", { name: draft.name })}
              className="absolute -top-1.5 -right-1.5 flex h-6 w-6 items-center justify-center rounded-full border border-border bg-card text-muted-foreground shadow-sm hover:text-foreground"
            >
              <X className="h-3.5 w-3.5" />
            </button>
          </li>
        ))}
      </ul>
      {drafts.drafts.map((draft) =>
        draft.state === "failed" ? (
          <p key={draft.key} role="alert" className="flex items-start gap-1.5 text-xs text-danger" data-testid="image-error">
            <AlertCircle className="mt-px h-3.5 w-3.5 shrink-0" />
            {draft.error}
          </p>
        ) : null,
      )}
    </>
  );
}

function DraftThumb({ draft }: { draft: DraftImage }) {
  const t = useTranslations("images");
  const imageCaption = useImageCaption();
  if (draft.state === "ready") return <ImageThumb src={draft.preview} name={draft.name} caption={imageCaption(draft.image)} size="sm" />;
  return (
    <div className="relative h-16 w-16 overflow-hidden rounded-lg border border-border bg-muted" aria-label={draft.state === "uploading" ? t("uploading", { name: draft.name }) : t("refused", { name: draft.name })} role="img">
      {/* eslint-disable-next-line @next/next/no-img-element -- the local file, before upload */}
      <img src={draft.preview} alt="" className={`h-full w-full object-cover ${draft.state === "failed" ? "opacity-30" : "opacity-60"}`} />
      <span className="absolute inset-0 flex items-center justify-center">
        {draft.state === "uploading" ? <Loader2 className="h-5 w-5 animate-spin text-foreground" /> : <AlertCircle className="h-5 w-5 text-danger" />}
      </span>
    </div>
  );
}
