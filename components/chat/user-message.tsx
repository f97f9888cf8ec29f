"use client";

import { Columns2, Pencil } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { ChatUIMessage } from "@/lib/contract";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { MessageDocuments } from "@/components/documents/message-documents";
import { MessageImages } from "@/components/images/message-images";
import { textOf } from "./message-text";
import { VersionSwitcher } from "./version-switcher";

/** Prompts longer than this show folded, with "Show more" (a pasted file must not fill the screen). */
const FOLD_LINES = 25;
const FOLD_CHARS = 2000;

function isLong(text: string): boolean {
  if (text.length > FOLD_CHARS) return true;
  let lines = 1;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) if (++lines > FOLD_LINES) return true;
  return false;
}

export function UserMessage({
  message,
  canEdit,
  onEdit,
  onSwitchVersion,
  compareHref,
}: {
  message: ChatUIMessage;
  /** "Compare this prompt": a comparison of it, with the conversation's history before it. */
  compareHref?: string;
  /** No answer is running: editing and version switching are possible. */
  canEdit: boolean;
  onEdit: (text: string) => void;
  onSwitchVersion: (version: number) => void;
}) {
  const t = useTranslations("message");
  const tCommon = useTranslations("common");
  const text = textOf(message);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);
  const [expanded, setExpanded] = useState(false);
  const bodyId = useId();
  const long = isLong(text);
  const folded = long && !expanded;

  if (editing) {
    const submit = () => {
      if (!draft.trim()) return;
      setEditing(false);
      onEdit(draft);
    };
    return (
      <div className="ml-auto w-full max-w-[85%] rounded-2xl border border-border bg-card p-3" data-testid="edit-message">
        <textarea
          aria-label={t("edit")}
          autoFocus
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              submit();
            } else if (event.key === "Escape") {
              setEditing(false);
            }
          }}
          rows={Math.min(10, Math.max(2, draft.split("\n").length))}
          className="max-h-[60vh] w-full resize-none overflow-y-auto bg-transparent text-[15px] outline-none"
        />
        <div className="mt-2 flex justify-end gap-2">
          <Button size="sm" variant="outline" onClick={() => setEditing(false)}>
            {tCommon("cancel")}
          </Button>
          <Button size="sm" variant="primary" onClick={submit} disabled={!draft.trim()}>
            {tCommon("send")}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="group flex flex-col items-end" data-testid="user-message" data-message-id={message.id}>
      <MessageImages message={message} />
      <MessageDocuments message={message} />
      <div className="max-w-[85%] rounded-2xl bg-accent text-[15px] text-foreground">
        <div className="relative">
          <div
            id={bodyId}
            data-testid="user-message-text"
            data-folded={folded ? "true" : undefined}
            className={`px-4 py-2.5 whitespace-pre-wrap [overflow-wrap:anywhere] ${folded ? "max-h-80 overflow-hidden" : ""}`}
          >
            {text}
          </div>
          {folded && (
            // The fade over the folded text's last lines.
            <div aria-hidden className="pointer-events-none absolute inset-x-0 bottom-0 h-16 bg-gradient-to-t from-accent to-transparent" />
          )}
        </div>
        {long && (
          <div className="flex justify-end px-2 pb-1.5">
            <Button
              variant="ghost"
              size="sm"
              aria-expanded={expanded}
              aria-controls={bodyId}
              onClick={() => setExpanded((value) => !value)}
            >
              {expanded ? t("showLess") : t("showMore")}
            </Button>
          </div>
        )}
      </div>
      <div className="mt-0.5 flex h-7 items-center gap-0.5">
        <VersionSwitcher version={message.metadata?.version} what="message" disabled={!canEdit} onSwitch={onSwitchVersion} />
        <div className="flex items-center gap-0.5 opacity-100 transition-opacity sm:opacity-0 sm:group-focus-within:opacity-100 sm:group-hover:opacity-100">
        <CopyButton text={text} label={t("copy")} />
        {canEdit && (
          <Button
            variant="ghost"
            size="icon"
            aria-label={t("edit")}
            title={t("editTitle")}
            onClick={() => {
              setDraft(text);
              setEditing(true);
            }}
          >
            <Pencil className="h-4 w-4" />
          </Button>
        )}
        {compareHref && (
          <Link
            href={compareHref}
            aria-label={t("compare")}
            title={t("compareTitle")}
            className="inline-flex h-8 w-8 items-center justify-center rounded-lg text-muted-foreground hover:bg-muted hover:text-foreground"
          >
            <Columns2 className="h-4 w-4" />
          </Link>
        )}
        </div>
      </div>
    </div>
  );
}
