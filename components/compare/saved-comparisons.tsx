"use client";

import { Columns2, EyeOff, Trash2 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { PaneSetup } from "@/lib/compare/contract";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useConfirmedDelete } from "@/components/ui/use-confirmed-delete";
import { usePaneNames } from "./use-pane-names";

export interface SavedComparison {
  id: string;
  title: string;
  updatedAt: string;
  panes: PaneSetup[];
  blind: boolean;
  votes: number;
}

/** The saved comparisons, newest first: each opens as it was, and can be deleted (after confirmation). */
export function SavedComparisons({ items: initial }: { items: SavedComparison[] }) {
  const t = useTranslations("compare");
  const tCommon = useTranslations("common");
  const paneNames = usePaneNames();
  const [items, setItems] = useState(initial);
  const { confirming, error, ask, dialog } = useConfirmedDelete<SavedComparison>({
    // A comparison is a conversation of its own kind: the conversation route deletes it, votes included.
    url: (item) => `/api/conversations/${item.id}`,
    onDeleted: (item) => setItems((current) => current.filter((other) => other.id !== item.id)),
    failure: (item) => t("deleteFailed", { title: item.title }),
  });

  if (items.length === 0) return null;
  return (
    <nav aria-label={t("saved")} className="flex min-h-0 flex-col gap-1">
      <h2 className="px-1 text-xs font-medium text-muted-foreground">{t("saved")}</h2>
      {error && (
        <p role="alert" className="px-1 text-sm text-danger">
          {error}
        </p>
      )}
      <ul className="min-h-0 overflow-y-auto rounded-xl border border-border bg-card" data-testid="saved-comparisons">
        {items.map((item) => (
          <li key={item.id} className="flex items-center border-b border-border last:border-b-0">
            <Link
              href={`/compare/${item.id}`}
              className="flex min-w-0 flex-1 items-center gap-2 px-3 py-2 text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
              data-testid="saved-comparison"
            >
              <Columns2 className="h-4 w-4 shrink-0 text-muted-foreground" aria-label={t("comparison")} />
              <span className="min-w-0 flex-1 truncate">{item.title}</span>
              <span className="hidden truncate text-xs text-muted-foreground sm:inline">
                {item.blind ? "" : item.panes.map(paneNames.label).join(t("vs"))}
              </span>
              {item.blind && <EyeOff className="h-3.5 w-3.5 text-muted-foreground" aria-label={t("blind")} />}
              <span className="text-xs whitespace-nowrap text-muted-foreground">
                {t("votes", { count: item.votes })}
              </span>
            </Link>
            <Button variant="ghost" size="icon" className="mr-1 h-8 w-8 shrink-0" aria-label={t("deleteNamed", { title: item.title })} title={tCommon("delete")} onClick={() => ask(item)}>
              <Trash2 className="h-4 w-4" />
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        {...dialog}
        title={t("deleteTitle")}
        description={t("deleteText", { title: confirming?.title ?? "" })}
        confirmLabel={tCommon("delete")}
      />
    </nav>
  );
}
