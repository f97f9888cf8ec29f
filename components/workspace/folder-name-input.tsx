"use client";

import { Check, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * A folder's name being typed (new folder or rename): Enter or leaving the field saves, Escape or
 * the cancel button drops it.
 */
export function FolderNameInput({ initial, label, onSave, onCancel }: { initial: string; label: string; onSave: (name: string) => void; onCancel: () => void }) {
  const t = useTranslations("folders");
  const tCommon = useTranslations("common");
  const [draft, setDraft] = useState(initial);
  const settled = useRef(false);
  const save = () => {
    if (settled.current) return;
    settled.current = true;
    const name = draft.trim();
    if (name) onSave(name);
    else onCancel();
  };
  const cancel = () => {
    settled.current = true;
    onCancel();
  };
  return (
    <div className="flex items-center gap-1 rounded-lg bg-muted px-1 py-1">
      <input
        aria-label={label}
        autoFocus
        value={draft}
        maxLength={60}
        placeholder={t("name")}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === "Enter") save();
          if (event.key === "Escape") cancel();
        }}
        onBlur={(event) => {
          if ((event.relatedTarget as HTMLElement | null)?.dataset.folderAction) return;
          save();
        }}
        className="min-w-0 flex-1 rounded-md bg-card px-2 py-1 text-sm outline-none"
      />
      <Button variant="ghost" size="icon" aria-label={t("save")} data-folder-action="save" onClick={save}>
        <Check className="h-4 w-4" />
      </Button>
      <Button variant="ghost" size="icon" aria-label={tCommon("cancel")} data-folder-action="cancel" onClick={cancel}>
        <X className="h-4 w-4" />
      </Button>
    </div>
  );
}
