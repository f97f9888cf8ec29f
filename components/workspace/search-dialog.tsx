"use client";

import { Loader2, MessageSquare, Search, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import type { SearchResult } from "@/lib/search/types";
import { cn } from "@/lib/utils";
import { HighlightedText } from "./highlighted-text";
import { useErrorText } from "@/components/i18n/use-error-text";

type State =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "done"; query: string; results: SearchResult[] }
  | { kind: "error"; message: string };

/**
 * Search across all conversations (Ctrl/Cmd+K): titles and message text, with the words found
 * highlighted. Up/Down move through the results, Enter opens one at the message that matched.
 */
export function SearchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("search");
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [state, setState] = useState<State>({ kind: "idle" });
  const [active, setActive] = useState(0);
  const listId = useId();
  const errorText = useErrorText();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      input.current?.select();
    }
    if (!open && element.open) element.close();
  }, [open]);

  // Results follow the typing, a moment after the last key; an older answer never replaces a newer one.
  useEffect(() => {
    if (!open) return;
    const text = query.trim();
    if (!text) {
      setState({ kind: "idle" });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setState((current) => (current.kind === "done" ? current : { kind: "loading" }));
      try {
        const response = await fetch(`/api/search?q=${encodeURIComponent(text)}`, { signal: controller.signal, cache: "no-store" });
        const body = (await response.json()) as { results?: SearchResult[]; error?: { code?: string; message?: string } };
        if (!response.ok) throw new Error(errorText(body.error, t("failed")).message);
        setState({ kind: "done", query: text, results: body.results ?? [] });
        setActive(0);
      } catch (error) {
        if (controller.signal.aborted) return;
        setState({ kind: "error", message: error instanceof Error ? error.message : t("failed") });
      }
    }, 120);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, open]);

  const results = state.kind === "done" ? state.results : [];

  const openResult = async (result: SearchResult) => {
    onClose();
    const messageId = result.match?.messageId;
    if (messageId) {
      // A match in an older version: put it on the path shown first.
      await fetch(`/api/conversations/${result.conversationId}/reveal`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ messageId }),
      }).catch(() => undefined);
    }
    router.push(`/c/${result.conversationId}${messageId ? `?m=${encodeURIComponent(messageId)}` : ""}`);
    router.refresh();
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    // A search field clears itself on Escape and keeps the dialog open: close it instead.
    if (event.key === "Escape") {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (results.length === 0) return;
      setActive((index) => (index + (event.key === "ArrowDown" ? 1 : results.length - 1)) % results.length);
    } else if (event.key === "Enter") {
      const result = results[active];
      if (result) {
        event.preventDefault();
        void openResult(result);
      }
    }
  };

  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [active, listId]);

  return (
    <dialog
      ref={dialog}
      aria-label={t("dialog")}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === dialog.current) onClose();
      }}
      className="mx-auto mt-[10vh] w-[min(94vw,40rem)] rounded-xl border border-border bg-card p-0 text-card-foreground shadow-2xl backdrop:bg-black/40"
    >
      <div className="flex items-center gap-2 border-b border-border px-3">
        <Search className="h-4 w-4 shrink-0 text-muted-foreground" aria-hidden="true" />
        <input
          ref={input}
          type="search"
          role="combobox"
          aria-label={t("dialog")}
          aria-expanded={results.length > 0}
          aria-controls={results.length > 0 ? listId : undefined}
          aria-activedescendant={results.length > 0 ? `${listId}-${active}` : undefined}
          aria-autocomplete="list"
          placeholder={t("placeholder")}
          value={query}
          maxLength={200}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          className="h-12 min-w-0 flex-1 bg-transparent text-[15px] outline-none placeholder:text-muted-foreground [&::-webkit-search-cancel-button]:hidden"
        />
        {state.kind === "loading" && <Loader2 className="h-4 w-4 animate-spin text-muted-foreground" aria-label={t("searching")} />}
        <button
          type="button"
          onClick={onClose}
          aria-label={t("close")}
          className="rounded-md p-1 text-muted-foreground hover:bg-muted hover:text-foreground"
        >
          <X className="h-4 w-4" />
        </button>
      </div>
      <div className="p-1.5">
        <p className="sr-only" aria-live="polite">
          {state.kind === "done" ? t("found", { count: state.results.length }) : ""}
        </p>
        {state.kind === "idle" && <p className="px-3 py-6 text-center text-sm text-muted-foreground">{t("idle")}</p>}
        {state.kind === "error" && (
          <p role="alert" className="px-3 py-6 text-center text-sm text-danger">
            {state.message}
          </p>
        )}
        {state.kind === "done" && results.length === 0 && (
          <p className="px-3 py-6 text-center text-sm text-muted-foreground">{t("nothing", { query: state.query })}</p>
        )}
        {results.length > 0 && (
        <ul
          id={listId}
          role="listbox"
          aria-label={t("results")}
          aria-activedescendant={`${listId}-${active}`}
          tabIndex={0}
          onKeyDown={onKeyDown}
          data-testid="search-results"
          className="max-h-[min(60vh,28rem)] overflow-y-auto rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          {results.map((result, index) => (
            <li
              key={result.conversationId}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              data-testid="search-result"
              onMouseMove={() => setActive(index)}
              onClick={() => void openResult(result)}
              className={cn("cursor-pointer rounded-lg px-3 py-2", index === active && "bg-muted")}
            >
              <div className="flex items-center gap-2 text-sm font-medium">
                <MessageSquare className="h-3.5 w-3.5 shrink-0 text-muted-foreground" aria-hidden="true" />
                <span className="min-w-0 truncate">
                  <HighlightedText segments={result.title} />
                </span>
              </div>
              {result.match && (
                <p className="mt-0.5 line-clamp-2 pl-5.5 text-[13px] leading-snug text-muted-foreground [overflow-wrap:anywhere]">
                  <span className="font-medium text-foreground/70">{result.match.role === "user" ? t("you") : t("answer")}</span>
                  <HighlightedText segments={result.match.snippet} />
                </p>
              )}
            </li>
          ))}
        </ul>
        )}
      </div>
      <p className="hidden border-t border-border px-3 py-1.5 text-[11px] text-muted-foreground sm:block">
        {t("keys")}
      </p>
    </dialog>
  );
}
