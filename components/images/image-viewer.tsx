"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";

/** A larger view of one image, on the native <dialog>: focus is trapped, Escape and a click outside close it. */
export function ImageViewer({ src, name, caption, onClose }: { src: string; name: string; caption?: string; onClose: () => void }) {
  const t = useTranslations("images");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose();
      }}
      className="m-auto max-h-[92vh] w-auto max-w-[94vw] overflow-hidden rounded-xl border border-border bg-card p-0 text-card-foreground shadow-xl backdrop:bg-black/60"
      data-testid="image-viewer"
    >
      <div className="flex items-center gap-3 border-b border-border px-4 py-2">
        <h2 id={titleId} className="min-w-0 flex-1 truncate text-sm font-medium">
          {name}
          {caption && <span className="ml-2 font-normal text-muted-foreground">{caption}</span>}
        </h2>
        <button
          type="button"
          onClick={onClose}
          aria-label={t("close")}
          autoFocus
          className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground"
        >
          <X className="h-4 w-4" />
        </button>
      </div>
      {/* eslint-disable-next-line @next/next/no-img-element -- the app's own, owner-checked bytes; next/image would re-encode them */}
      <img src={src} alt={name} className="block max-h-[calc(92vh-3rem)] max-w-[94vw] object-contain" />
    </dialog>
  );
}
