"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useFigures } from "@/components/i18n/use-figures";
import { useErrorText } from "@/components/i18n/use-error-text";
import { Button } from "@/components/ui/button";
import { documentFigures } from "./figures";

interface Loaded {
  text: string;
  notice: string | null;
  figures: string[];
}

/** The extracted text of a document, as the model reads it, in a modal (native <dialog>). */
export function DocumentPreview({ documentId, name, onClose }: { documentId: string; name: string; onClose: () => void }) {
  const t = useTranslations("documents");
  const figures = useFigures();
  const errorText = useErrorText();
  const ref = useRef<HTMLDialogElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  useEffect(() => {
    let live = true;
    fetch(`/api/documents/${documentId}`, { cache: "no-store" })
      .then(async (response) => {
        const body = (await response.json()) as {
          text?: string;
          document?: { kind: string; pages: number | null; chars: number; tokens: number; notice: string | null };
          error?: { code?: string; message: string };
        };
        if (!live) return;
        if (!response.ok || body.text === undefined || !body.document) setError(errorText(body.error, t("loadFailed")).message);
        else setLoaded({ text: body.text, notice: body.document.notice, figures: documentFigures(body.document, t, figures) });
      })
      .catch(() => live && setError(t("loadFailed")));
    return () => {
      live = false;
    };
  }, [documentId]); // eslint-disable-line react-hooks/exhaustive-deps -- fetched once per document

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === ref.current) ref.current?.close();
      }}
      aria-labelledby="document-preview-title"
      className="m-auto flex h-[min(85vh,48rem)] w-[min(94vw,48rem)] flex-col rounded-xl border border-border bg-card p-0 text-card-foreground shadow-xl backdrop:bg-black/40"
      data-testid="document-preview"
    >
      <div className="flex items-start gap-3 border-b border-border px-4 py-3">
        <div className="min-w-0 flex-1">
          <h2 id="document-preview-title" className="truncate text-base font-semibold">
            {name}
          </h2>
          <p className="text-xs text-muted-foreground">{loaded ? loaded.figures.join(" · ") : t("extracted")}</p>
        </div>
        <Button variant="ghost" size="icon" aria-label={t("closePreview")} onClick={() => ref.current?.close()} autoFocus>
          <X className="h-4 w-4" />
        </Button>
      </div>
      {loaded?.notice && <p className="border-b border-border bg-warning/10 px-4 py-2 text-sm">{loaded.notice}</p>}
      <div className="min-h-0 flex-1 overflow-auto px-4 py-3">
        {error ? (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        ) : loaded ? (
          <pre className="font-mono text-[13px] leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]" data-testid="document-preview-text">
            {loaded.text}
          </pre>
        ) : (
          <p className="text-sm text-muted-foreground">{t("loading")}</p>
        )}
      </div>
    </dialog>
  );
}
