"use client";

import { Pencil } from "lucide-react";
import { useState } from "react";
import type { ChatUIMessage } from "@/lib/contract";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { textOf } from "./message-text";
import { VersionSwitcher } from "./version-switcher";

export function UserMessage({
  message,
  canEdit,
  onEdit,
  onSwitchVersion,
}: {
  message: ChatUIMessage;
  /** No answer is running: editing and version switching are possible. */
  canEdit: boolean;
  onEdit: (text: string) => void;
  onSwitchVersion: (version: number) => void;
}) {
  const text = textOf(message);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);

  if (editing) {
    const submit = () => {
      if (!draft.trim()) return;
      setEditing(false);
      onEdit(draft);
    };
    return (
      <div className="ml-auto w-full max-w-[85%] rounded-2xl border border-border bg-card p-3" data-testid="edit-message">
        <textarea
          aria-label="Edit message"
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
          className="w-full resize-none bg-transparent text-[15px] outline-none"
        />
        <div className="mt-2 flex justify-end gap-2">
          <Button size="sm" variant="outline" onClick={() => setEditing(false)}>
            Cancel
          </Button>
          <Button size="sm" variant="primary" onClick={submit} disabled={!draft.trim()}>
            Send
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="group flex flex-col items-end" data-testid="user-message">
      <div className="max-w-[85%] rounded-2xl bg-accent px-4 py-2.5 text-[15px] whitespace-pre-wrap text-foreground [overflow-wrap:anywhere]">
        {text}
      </div>
      <div className="mt-0.5 flex h-7 items-center gap-0.5">
        <VersionSwitcher version={message.metadata?.version} what="message" disabled={!canEdit} onSwitch={onSwitchVersion} />
        <div className="flex items-center gap-0.5 opacity-100 transition-opacity sm:opacity-0 sm:group-focus-within:opacity-100 sm:group-hover:opacity-100">
        <CopyButton text={text} label="Copy message" />
        {canEdit && (
          <Button
            variant="ghost"
            size="icon"
            aria-label="Edit message"
            title="Edit and resend"
            onClick={() => {
              setDraft(text);
              setEditing(true);
            }}
          >
            <Pencil className="h-4 w-4" />
          </Button>
        )}
        </div>
      </div>
    </div>
  );
}
