"use client";

// The documents attached to the message being written: each uploads (and is read on the server)
// as soon as it is added, so its tokens and cost are known before anything is sent.
import { useTranslations } from "next-intl";
import { useCallback, useMemo, useRef, useState } from "react";
import { useErrorText } from "@/components/i18n/use-error-text";
import type { DocumentInfo, ScannedPages } from "@/lib/documents/contract";
import type { ChatUIMessage } from "@/lib/contract";
import { MAX_DOCUMENTS_PER_MESSAGE } from "@/lib/contract/limits";
import { formatFileSize } from "./figures";
import { documentLimits, UploadFailed, uploadDocumentFile, type UploadProgress } from "./upload-client";

export type DraftDocument =
  | { key: string; name: string; state: "uploading"; progress: UploadProgress | null }
  | { key: string; name: string; state: "ready"; document: DocumentInfo; duplicate: boolean }
  | { key: string; name: string; state: "failed"; error: string };

export type FileDataPart = Extract<ChatUIMessage["parts"][number], { type: "data-file" }>;

let nextKey = 0;

export function toFileDataPart(document: DocumentInfo): FileDataPart {
  return {
    type: "data-file",
    data: {
      attachmentId: document.attachmentId,
      name: document.name,
      mediaType: "",
      size: document.size,
      document: { id: document.id, kind: document.kind, pages: document.pages, chars: document.chars, tokens: document.tokens },
    },
  };
}

/**
 * `initial`: documents already uploaded that the draft starts with (a page opened for them).
 * `onScanned`: a PDF without a text layer is read as page images (for Flash's vision) and handed
 * over, instead of being refused; without it such a PDF is refused with the reason.
 */
export function useDocumentDrafts(initial: readonly DocumentInfo[] = [], { onScanned }: { onScanned?: (scanned: ScannedPages) => void } = {}) {
  const t = useTranslations("documents");
  const errorText = useErrorText();
  const onScannedRef = useRef(onScanned);
  onScannedRef.current = onScanned;
  const [drafts, setDrafts] = useState<DraftDocument[]>(() =>
    initial.map((document) => ({ key: `draft-${nextKey++}`, name: document.name, state: "ready", document, duplicate: false })),
  );
  const [windowTokens, setWindowTokens] = useState<number | null>(null);
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;

  const update = (key: string, next: DraftDocument | null) =>
    setDrafts((current) => (next === null ? current.filter((draft) => draft.key !== key) : current.map((draft) => (draft.key === key ? next : draft))));

  const add = useCallback(async (files: readonly File[]) => {
    const { maxBytes, windowTokens: limit } = await documentLimits();
    setWindowTokens(limit);
    for (const file of files) {
      const key = `draft-${nextKey++}`;
      const name = file.name || t("pasted");
      if (draftsRef.current.length >= MAX_DOCUMENTS_PER_MESSAGE) {
        setDrafts((current) => [...current, { key, name, state: "failed", error: t("tooMany", { max: MAX_DOCUMENTS_PER_MESSAGE }) }]);
        continue;
      }
      if (file.size > maxBytes) {
        setDrafts((current) => [
          ...current,
          { key, name, state: "failed", error: t("tooLarge", { name, size: formatFileSize(file.size), max: formatFileSize(maxBytes) }) },
        ]);
        continue;
      }
      setDrafts((current) => [...current, { key, name, state: "uploading", progress: null }]);
      uploadDocumentFile(file, (progress) => update(key, { key, name, state: "uploading", progress }), { scannedAsImages: onScannedRef.current !== undefined })
        .then((outcome) => {
          if ("document" in outcome) return update(key, { key, name, state: "ready", document: outcome.document, duplicate: outcome.duplicate });
          update(key, null);
          onScannedRef.current?.(outcome.scanned);
        })
        .catch((error: unknown) => update(key, { key, name, state: "failed", error: uploadError(error, name) }));
    }
  }, [t, errorText]); // eslint-disable-line react-hooks/exhaustive-deps -- uploadError reads only t and errorText

  const uploadError = (error: unknown, name: string): string => {
    if (!(error instanceof UploadFailed)) return error instanceof Error ? error.message : String(error);
    const { payload, status, connection } = error.reason;
    if (connection) return t("connectionFailed", { name });
    return errorText(payload, t("uploadFailed", { status: status ?? 0 })).message;
  };

  const remove = useCallback((key: string) => update(key, null), []);
  const clear = useCallback(() => setDrafts([]), []);

  const ready = useMemo(() => drafts.flatMap((draft) => (draft.state === "ready" ? [draft.document] : [])), [drafts]);
  const uploading = drafts.some((draft) => draft.state === "uploading");
  const tokens = ready.reduce((sum, document) => sum + document.tokens, 0);
  const chars = ready.reduce((sum, document) => sum + document.chars, 0);
  return { drafts, ready, uploading, tokens, chars, windowTokens, add, remove, clear };
}

export type DocumentDrafts = ReturnType<typeof useDocumentDrafts>;
