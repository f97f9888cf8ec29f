"use client";

import { ChevronRight, Folder, Pencil, Pin, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { FolderSummary } from "@/lib/contract";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { dropZone } from "./drag";
import { FolderNameInput } from "./folder-name-input";

/**
 * One section of the sidebar list with its heading: "Pinned", a folder (fold, rename, delete), or
 * a day group. Every section is a drop target for a dragged conversation.
 */
export function SectionFrame({
  kind,
  label,
  folder,
  count,
  collapsed,
  onToggle,
  onRenameFolder,
  onDeleteFolder,
  onDropConversation,
  children,
}: {
  kind: "pinned" | "folder" | "activity";
  label: string;
  folder?: FolderSummary;
  count: number;
  collapsed?: boolean;
  onToggle?: () => void;
  onRenameFolder?: (name: string) => void;
  onDeleteFolder?: () => void;
  onDropConversation: (conversationId: string) => void;
  children: React.ReactNode;
}) {
  const t = useTranslations("folders");
  const [over, setOver] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const drop = dropZone(onDropConversation, setOver);

  let heading: React.ReactNode = null;
  if (kind === "folder" && folder) {
    heading = renaming ? (
      <FolderNameInput
        initial={folder.name}
        label={t("name")}
        onSave={(name) => {
          setRenaming(false);
          if (name !== folder.name) onRenameFolder?.(name);
        }}
        onCancel={() => setRenaming(false)}
      />
    ) : (
      <div className="group/folder flex items-center gap-0.5 pr-1">
        <button
          type="button"
          onClick={onToggle}
          aria-expanded={!collapsed}
          className="flex min-w-0 flex-1 items-center gap-1.5 rounded-lg py-1.5 pr-2 pl-2 text-left text-[13px] font-medium text-foreground/90 hover:bg-muted/70"
        >
          <ChevronRight className={cn("h-3.5 w-3.5 shrink-0 text-muted-foreground transition-transform", !collapsed && "rotate-90")} aria-hidden="true" />
          <Folder className="h-3.5 w-3.5 shrink-0 text-muted-foreground" aria-hidden="true" />
          <span className="min-w-0 flex-1 truncate">{folder.name}</span>
          <span className="text-[11px] font-normal text-muted-foreground" aria-label={t("count", { count })}>
            {count}
          </span>
        </button>
        <div className="flex gap-0.5 sm:opacity-0 sm:group-hover/folder:opacity-100 sm:group-focus-within/folder:opacity-100">
          <Button variant="ghost" size="icon" className="h-7 w-7" aria-label={t("rename", { name: folder.name })} onClick={() => setRenaming(true)}>
            <Pencil className="h-3.5 w-3.5" />
          </Button>
          <Button variant="ghost" size="icon" className="h-7 w-7 hover:text-danger" aria-label={t("delete", { name: folder.name })} onClick={onDeleteFolder}>
            <Trash2 className="h-3.5 w-3.5" />
          </Button>
        </div>
      </div>
    );
  } else if (label) {
    heading = (
      <h3 className="flex items-center gap-1 px-3 pb-1 text-[11px] font-medium tracking-wide text-muted-foreground uppercase">
        {kind === "pinned" && <Pin className="h-3 w-3" aria-hidden="true" />}
        {label}
      </h3>
    );
  }

  return (
    <section
      aria-label={kind === "folder" ? t("section", { name: label }) : label || undefined}
      data-testid={kind === "folder" ? "folder" : kind === "pinned" ? "pinned-section" : undefined}
      data-folder-id={folder?.id}
      className={cn("rounded-lg transition-colors", over && "bg-accent/60 ring-2 ring-ring/50")}
      {...drop}
    >
      {heading}
      {!collapsed && children}
      {kind === "folder" && !collapsed && count === 0 && (
        <p className="py-1 pr-2 pl-9 text-xs text-muted-foreground">{t("empty")}</p>
      )}
    </section>
  );
}
