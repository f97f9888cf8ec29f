"use client";

import { Columns2, EyeOff, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { paneLabel, type PaneSetup } from "@/lib/compare/contract";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

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
  const [items, setItems] = useState(initial);
  const [confirming, setConfirming] = useState<SavedComparison | null>(null);
  const [error, setError] = useState<string | null>(null);

  const remove = async (item: SavedComparison) => {
    setConfirming(null);
    setError(null);
    // A comparison is a conversation of its own kind: the conversation route deletes it, votes included.
    const response = await fetch(`/api/conversations/${item.id}`, { method: "DELETE" }).catch(() => null);
    if (response?.ok || response?.status === 404) setItems((current) => current.filter((other) => other.id !== item.id));
    else setError(`“${item.title}” could not be deleted. Try again.`);
  };

  if (items.length === 0) return null;
  return (
    <nav aria-label="Saved comparisons" className="flex min-h-0 flex-col gap-1">
      <h2 className="px-1 text-xs font-medium text-muted-foreground">Saved comparisons</h2>
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
              <Columns2 className="h-4 w-4 shrink-0 text-muted-foreground" aria-label="Comparison" />
              <span className="min-w-0 flex-1 truncate">{item.title}</span>
              <span className="hidden truncate text-xs text-muted-foreground sm:inline">
                {item.blind ? "" : item.panes.map(paneLabel).join(" vs ")}
              </span>
              {item.blind && <EyeOff className="h-3.5 w-3.5 text-muted-foreground" aria-label="Blind" />}
              <span className="text-xs whitespace-nowrap text-muted-foreground">
                {item.votes} {item.votes === 1 ? "vote" : "votes"}
              </span>
            </Link>
            <Button variant="ghost" size="icon" className="mr-1 h-8 w-8 shrink-0" aria-label={`Delete ${item.title}`} title="Delete" onClick={() => setConfirming(item)}>
              <Trash2 className="h-4 w-4" />
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={confirming !== null}
        title="Delete this comparison?"
        description={`“${confirming?.title ?? ""}” will be deleted with its answers and votes; the results page stops counting them. A chat continued from it is kept.`}
        confirmLabel="Delete"
        onConfirm={() => confirming && void remove(confirming)}
        onCancel={() => setConfirming(null)}
      />
    </nav>
  );
}
