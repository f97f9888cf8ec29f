"use client";

import { Check } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { FolderSummary } from "@/lib/contract";
import { cn } from "@/lib/utils";

/**
 * "Move to…": a menu of the folders (and "No folder"), reachable by keyboard: it opens on the
 * current place, ArrowUp/ArrowDown/Home/End move, Enter or Space choose, Escape or Tab closes and
 * gives the focus back to the button that opened it.
 */
export function MoveMenu({
  id,
  title,
  folders,
  currentFolderId,
  onMove,
  onClose,
}: {
  id: string;
  title: string;
  folders: FolderSummary[];
  currentFolderId: string | null;
  onMove: (folderId: string | null) => void;
  onClose: () => void;
}) {
  const t = useTranslations("folders");
  const choices: Array<{ id: string | null; name: string }> = [{ id: null, name: t("noFolder") }, ...folders.map((folder) => ({ id: folder.id, name: folder.name }))];
  const [active, setActive] = useState(Math.max(0, choices.findIndex((choice) => choice.id === currentFolderId)));
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    menu.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]')[active]?.focus();
  }, [active]);

  // A click elsewhere closes the menu.
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [onClose]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    // The sidebar list moves between rows with the same keys: the menu keeps them.
    event.stopPropagation();
    const last = choices.length - 1;
    const moves: Record<string, number> = { ArrowDown: active === last ? 0 : active + 1, ArrowUp: active === 0 ? last : active - 1, Home: 0, End: last };
    if (event.key in moves) {
      event.preventDefault();
      setActive(moves[event.key] ?? 0);
    } else if (event.key === "Escape" || event.key === "Tab") {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <div
      ref={menu}
      id={id}
      role="menu"
      aria-label={t("moveMenu", { title })}
      onKeyDown={onKeyDown}
      className="absolute top-full right-1 z-20 mt-1 max-h-64 w-52 overflow-y-auto rounded-lg border border-border bg-card p-1 shadow-lg"
    >
      <p className="px-2 pt-1 pb-1.5 text-[11px] font-medium tracking-wide text-muted-foreground uppercase" aria-hidden="true">
        {t("moveTo")}
      </p>
      {choices.map((choice, index) => {
        const current = choice.id === currentFolderId;
        return (
          <button
            key={choice.id ?? "none"}
            type="button"
            role="menuitemradio"
            aria-checked={current}
            tabIndex={index === active ? 0 : -1}
            onClick={() => onMove(choice.id)}
            className={cn(
              "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-muted focus-visible:bg-muted",
              choice.id === null && "text-muted-foreground",
            )}
          >
            <span className="min-w-0 flex-1 truncate">{choice.name}</span>
            {current && <Check className="h-3.5 w-3.5 shrink-0" aria-hidden="true" />}
          </button>
        );
      })}
    </div>
  );
}
