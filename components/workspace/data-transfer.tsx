"use client";

import { Download, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
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

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** What an import found already here, in words ("" when nothing). */
function skipped(summary: Summary): string {
  const counts: Array<[number, string]> = [
    [summary.conversationsSkipped, "conversation"],
    [summary.comparisonsSkipped, "comparison"],
    [summary.documentsSkipped, "document"],
  ];
  return counts
    .filter(([count]) => count > 0)
    .map(([count, word]) => plural(count, word))
    .join(", ");
}

/** Export all data as one archive; import an archive or ChatGPT's conversations.json. */
export function DataTransfer() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ kind: "idle" });

  const importFile = async (file: File) => {
    setState({ kind: "working", name: file.name });
    try {
      const response = await fetch("/api/archive/import", { method: "POST", headers: { "content-type": "application/json" }, body: await file.text() });
      const body = (await response.json().catch(() => ({}))) as { summary?: Summary; error?: { message?: string } };
      if (!response.ok || !body.summary) {
        const reason =
          response.status === 413 ? "The file is larger than this server accepts (MAX_REQUEST_BYTES). Nothing was imported." : (body.error?.message ?? `The import failed (${response.status}). Nothing was imported.`);
        setState({ kind: "error", message: reason });
        return;
      }
      setState({ kind: "done", summary: body.summary });
      router.refresh();
    } catch {
      setState({ kind: "error", message: "The file could not be sent. Check the connection and try again." });
    } finally {
      if (input.current) input.current.value = "";
    }
  };

  return (
    <div className="space-y-4 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <a href="/api/archive" download className="inline-flex items-center gap-2 rounded-lg border border-border px-3 py-2 hover:bg-muted" data-testid="export-all">
          <Download className="h-4 w-4" aria-hidden="true" />
          Export all data
        </a>
        <label className="inline-flex cursor-pointer items-center gap-2 rounded-lg border border-border px-3 py-2 hover:bg-muted focus-within:ring-2 focus-within:ring-ring">
          <Upload className="h-4 w-4" aria-hidden="true" />
          Import a file…
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
        A V4 Chat archive (every conversation with all its versions, folders and pins, comparisons with their votes, and documents&apos; text) or ChatGPT&apos;s <code>conversations.json</code> from its
        data export. Importing the same file again adds nothing twice.
      </p>
      <div aria-live="polite" data-testid="import-status">
        {state.kind === "working" && <p>Importing {state.name}…</p>}
        {state.kind === "done" && (
          <p className="text-foreground">
            Imported {plural(state.summary.conversationsAdded, "conversation")} ({plural(state.summary.messagesAdded, "message")}
            {state.summary.foldersAdded ? `, ${plural(state.summary.foldersAdded, "folder")}` : ""})
            {state.summary.comparisonsAdded ? `, ${plural(state.summary.comparisonsAdded, "comparison")}` : ""}
            {state.summary.documentsAdded ? `, ${plural(state.summary.documentsAdded, "document")}` : ""} from{" "}
            {state.summary.source === "chatgpt" ? "ChatGPT" : "a V4 Chat archive"}
            {skipped(state.summary) ? `; ${skipped(state.summary)} already here were skipped` : ""}.
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
