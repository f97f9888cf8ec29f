"use client";

import { Columns2, Trash2, Upload } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useConfirmedDelete } from "@/components/ui/use-confirmed-delete";
import type { DocumentInfo } from "@/lib/documents/contract";
import { ACCEPTED_EXTENSIONS } from "@/lib/documents/formats";
import { DocumentCard } from "./document-card";
import { formatFileSize } from "./figures";
import { useDocumentDrafts } from "./use-document-drafts";

/** The documents page: a drop zone and picker for uploads, and every document with Delete. */
export function DocumentLibrary({ initialDocuments, maxBytes }: { initialDocuments: DocumentInfo[]; maxBytes: number }) {
  const t = useTranslations("documents");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  const [documents, setDocuments] = useState(initialDocuments);
  const uploads = useDocumentDrafts();
  const [dragging, setDragging] = useState(false);
  const { confirming, error, ask, dialog } = useConfirmedDelete<DocumentInfo>({
    url: (document) => `/api/documents/${document.id}`,
    onDeleted: (document) => setDocuments((current) => current.filter((item) => item.id !== document.id)),
    failure: (document) => t("deleteFailed", { name: document.name }),
  });
  const picker = useRef<HTMLInputElement>(null);

  // Finished uploads join the list (a duplicate is already in it) and leave the upload area.
  const { drafts, remove: dropUpload } = uploads;
  useEffect(() => {
    const finished = drafts.flatMap((draft) => (draft.state === "ready" ? [draft] : []));
    if (finished.length === 0) return;
    setDocuments((current) => {
      const known = new Set(current.map((document) => document.id));
      const added = finished.filter((draft) => !known.has(draft.document.id)).map((draft) => draft.document);
      return [...added.reverse(), ...current];
    });
    for (const draft of finished) dropUpload(draft.key);
  }, [drafts, dropUpload]);

  return (
    <div className="space-y-4">
      <div
        className={`flex flex-col items-center gap-2 rounded-2xl border-2 border-dashed p-6 text-center ${dragging ? "border-primary bg-primary/5" : "border-border"}`}
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes("Files")) return;
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void uploads.add([...event.dataTransfer.files]);
        }}
        onPaste={(event) => {
          if (event.clipboardData.files.length > 0) void uploads.add([...event.clipboardData.files]);
        }}
        data-testid="document-dropzone"
      >
        <Upload className="h-6 w-6 text-muted-foreground" aria-hidden />
        <p className="text-sm">{t("dropHere")}</p>
        <Button variant="primary" size="sm" onClick={() => picker.current?.click()}>
          {t("choose")}
        </Button>
        <p className="text-xs text-muted-foreground">
          {t("accepted", { size: formatFileSize(maxBytes) })}
        </p>
        <input
          ref={picker}
          type="file"
          multiple
          accept={ACCEPTED_EXTENSIONS.join(",")}
          className="sr-only"
          tabIndex={-1}
          aria-hidden
          data-testid="library-input"
          onChange={(event) => {
            const chosen = [...(event.target.files ?? [])];
            event.target.value = "";
            if (chosen.length > 0) void uploads.add(chosen);
          }}
        />
      </div>

      {uploads.drafts.length > 0 && (
        <ul className="space-y-2" aria-label={t("uploads")}>
          {uploads.drafts.map((draft) => (
            <li key={draft.key}>
              <DocumentCard
                name={draft.name}
                uploading={draft.state === "uploading"}
                progress={draft.state === "uploading" ? draft.progress : undefined}
                error={draft.state === "failed" ? draft.error : undefined}
                onRemove={() => uploads.remove(draft.key)}
              />
            </li>
          ))}
        </ul>
      )}

      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}

      {documents.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="documents-empty">
          {t("empty")}
        </p>
      ) : (
        <ul className="space-y-2" aria-label={t("yours")} data-testid="document-list">
          {documents.map((document) => (
            <li key={document.id} className="flex items-center gap-2" data-testid="document-row">
              <DocumentCard name={document.name} document={document} className="flex-1" />
              <span className="hidden w-28 shrink-0 text-right text-xs text-muted-foreground sm:block">
                {formatFileSize(document.size)}
                <br />
                {format.dateTime(new Date(document.createdAt), { dateStyle: "medium" })}
              </span>
              {/* The same document summarised by several models side by side. */}
              <Link
                href={`/compare?document=${encodeURIComponent(document.id)}`}
                aria-label={t("compareSummaries", { name: document.name })}
                title={t("compareSummariesTitle")}
                className="inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-lg text-muted-foreground hover:bg-muted hover:text-foreground"
                data-testid="compare-summaries"
              >
                <Columns2 className="h-4 w-4" />
              </Link>
              <Button variant="ghost" size="icon" aria-label={t("deleteNamed", { name: document.name })} title={tCommon("delete")} onClick={() => ask(document)}>
                <Trash2 className="h-4 w-4" />
              </Button>
            </li>
          ))}
        </ul>
      )}

      <ConfirmDialog
        {...dialog}
        title={t("deleteTitle")}
        description={t("deleteText", { name: confirming?.name ?? "" })}
        confirmLabel={tCommon("delete")}
      />
    </div>
  );
}
