import { Columns2, EyeOff } from "lucide-react";
import Link from "next/link";
import { paneLabel, type PaneSetup } from "@/lib/compare/contract";

export interface SavedComparison {
  id: string;
  title: string;
  updatedAt: string;
  panes: PaneSetup[];
  blind: boolean;
  votes: number;
}

/** The saved comparisons, newest first: each opens as it was. */
export function SavedComparisons({ items }: { items: SavedComparison[] }) {
  if (items.length === 0) return null;
  return (
    <nav aria-label="Saved comparisons" className="flex min-h-0 flex-col gap-1">
      <h2 className="px-1 text-xs font-medium text-muted-foreground">Saved comparisons</h2>
      <ul className="min-h-0 overflow-y-auto rounded-xl border border-border bg-card" data-testid="saved-comparisons">
        {items.map((item) => (
          <li key={item.id} className="border-b border-border last:border-b-0">
            <Link
              href={`/compare/${item.id}`}
              className="flex items-center gap-2 px-3 py-2 text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
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
          </li>
        ))}
      </ul>
    </nav>
  );
}
