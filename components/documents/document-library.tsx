"use client";

import { Columns2, Trash2, Upload } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { DocumentInfo } from "@/lib/documents/contract";
import { ACCEPTED_EXTENSIONS } from "@/lib/documents/formats";
import { DocumentCard } from "./document-card";
import { formatFileSize } from "./figures";
import { useDocumentDrafts } from "./use-document-drafts";

/** The documents page: a drop zone and picker for uploads, and every document with Delete. */
export function DocumentLibrary({ initialDocuments, maxBytes }: { initialDocuments: DocumentInfo[]; maxBytes: number }) {
  const [documents, setDocuments] = useState(initialDocuments);
  const uploads = useDocumentDrafts();
  const [dragging, setDragging] = useState(false);
  const [confirming, setConfirming] = useState<DocumentInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
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

  const remove = async (document: DocumentInfo) => {
    setConfirming(null);
    setError(null);
    const response = await fetch(`/api/documents/${document.id}`, { method: "DELETE" }).catch(() => null);
    if (response?.ok || response?.status === 404) setDocuments((current) => current.filter((item) => item.id !== document.id));
    else setError(`“${document.name}” could not be deleted. Try again.`);
  };

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
        <p className="text-sm">Drop documents here, paste them, or</p>
        <Button variant="primary" size="sm" onClick={() => picker.current?.click()}>
          Choose files
        </Button>
        <p className="text-xs text-muted-foreground">
          PDF, Word (.docx), HTML, Markdown, CSV/TSV, JSON, text and source code · up to {formatFileSize(maxBytes)} each. Each is read whole: its
          tokens and cost are shown before you send it.
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
        <ul className="space-y-2" aria-label="Uploads">
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
          No documents yet. Uploaded documents, here or in a chat, are listed here.
        </p>
      ) : (
        <ul className="space-y-2" aria-label="Your documents" data-testid="document-list">
          {documents.map((document) => (
            <li key={document.id} className="flex items-center gap-2" data-testid="document-row">
              <DocumentCard name={document.name} document={document} className="flex-1" />
              <span className="hidden w-28 shrink-0 text-right text-xs text-muted-foreground sm:block">
                {formatFileSize(document.size)}
                <br />
                {new Date(document.createdAt).toLocaleDateString()}
              </span>
              {/* The same document summarised by several models side by side. */}
              <Link
                href={`/compare?document=${encodeURIComponent(document.id)}`}
                aria-label={`Compare summaries of ${document.name}`}
                title="Compare summaries: Flash and Pro side by side"
                className="inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-lg text-muted-foreground hover:bg-muted hover:text-foreground"
                data-testid="compare-summaries"
              >
                <Columns2 className="h-4 w-4" />
              </Link>
              <Button variant="ghost" size="icon" aria-label={`Delete ${document.name}`} title="Delete" onClick={() => setConfirming(document)}>
                <Trash2 className="h-4 w-4" />
              </Button>
            </li>
          ))}
        </ul>
      )}

      <ConfirmDialog
        open={confirming !== null}
        title="Delete this document?"
        description={`“${confirming?.name ?? ""}” will be deleted with its extracted text and the original file. Messages that carried it keep their words, but its text is no longer sent with them.`}
        confirmLabel="Delete"
        onConfirm={() => confirming && void remove(confirming)}
        onCancel={() => setConfirming(null)}
      />
    </div>
  );
}
