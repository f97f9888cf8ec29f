"use client";

import { Download, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/i18n/use-error-text";
import { useRef, useState } from "react";

interface Summary {
  source: "v4chat" | "chatgpt";
  conversationsAdded: number;
  conversationsSkipped: number;
  messagesAdded: number;
  foldersAdded: number;
  comparisonsAdded: number;
  comparisonsSkipped: number;
  documentsAdded: number;
  documentsSkipped: number;
}

type State = { kind: "idle" } | { kind: "working"; name: string } | { kind: "done"; summary: Summary } | { kind: "error"; message: string };

/** Export all data as one archive; import an archive or ChatGPT's conversations.json. */
export function DataTransfer() {
  const router = useRouter();
  const t = useTranslations("account");
  // What an import found already here, in words ("" when nothing).
  const skippedText = (summary: Summary): string =>
    (
      [
        [summary.conversationsSkipped, "skippedConversations"],
        [summary.comparisonsSkipped, "skippedComparisons"],
        [summary.documentsSkipped, "skippedDocuments"],
      ] as const
    )
      .filter(([count]) => count > 0)
      .map(([count, key]) => t(key, { count }))
      .join(t("listSeparator"));
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ kind: "idle" });

  const importFile = async (file: File) => {
    setState({ kind: "working", name: file.name });
    try {
      const response = await fetch("/api/archive/import", { method: "POST", headers: { "content-type": "application/json" }, body: await file.text() });
      const body = (await response.json().catch(() => ({}))) as { summary?: Summary; error?: { code?: string; message?: string } };
      if (!response.ok || !body.summary) {
        const reason =
          response.status === 413 ? t("importTooLarge") : errorText(body.error, t("importFailed", { status: response.status })).message;
        setState({ kind: "error", message: reason });
        return;
      }
      setState({ kind: "done", summary: body.summary });
      router.refresh();
    } catch {
      setState({ kind: "error", message: t("importNotSent") });
    } finally {
      if (input.current) input.current.value = "";
    }
  };

  return (
    <div className="space-y-4 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <a href="/api/archive" download className="inline-flex items-center gap-2 rounded-lg border border-border px-3 py-2 hover:bg-muted" data-testid="export-all">
          <Download className="h-4 w-4" aria-hidden="true" />
          {t("exportAll")}
        </a>
        <label className="inline-flex cursor-pointer items-center gap-2 rounded-lg border border-border px-3 py-2 hover:bg-muted focus-within:ring-2 focus-within:ring-ring">
          <Upload className="h-4 w-4" aria-hidden="true" />
          {t("importFile")}
          <input
            ref={input}
            type="file"
            accept=".json,application/json"
            className="sr-only"
            aria-describedby="import-help"
            disabled={state.kind === "working"}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void importFile(file);
            }}
          />
        </label>
      </div>
      <p id="import-help" className="text-muted-foreground">
        {t.rich("importHelp", { code: (chunks) => <code>{chunks}</code> })}
      </p>
      <div aria-live="polite" data-testid="import-status">
        {state.kind === "working" && <p>{t("importing", { name: state.name })}</p>}
        {state.kind === "done" && (
          <p className="text-foreground">
            {t("imported", {
              conversations: state.summary.conversationsAdded,
              messages: state.summary.messagesAdded,
              folders: state.summary.foldersAdded,
              comparisons: state.summary.comparisonsAdded,
              documents: state.summary.documentsAdded,
              source: state.summary.source,
              skipped: skippedText(state.summary) || "none",
            })}
          </p>
        )}
      </div>
      {state.kind === "error" && (
        <p role="alert" className="rounded-lg border border-danger/40 bg-danger-muted px-3 py-2 text-foreground" data-testid="import-error">
          {state.message}
        </p>
      )}
    </div>
  );
}
