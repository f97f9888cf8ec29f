"use client";

import { ImageOff } from "lucide-react";
import type { BackendInfo } from "@/lib/contract";
import type { PaneSetup } from "@/lib/compare/contract";
import { paneLabel } from "@/lib/compare/contract";
import { DraftImageList } from "./image-tray";
import type { ImageDrafts } from "./use-image-drafts";

/**
 * Above a comparison's prompt box: the images for every pane, what they add to each prompt, and
 * which panes cannot see them (those get the words only). While blind, no pane is named.
 */
export function CompareImageTray({ drafts, backend, panes, blind }: { drafts: ImageDrafts; backend: BackendInfo; panes: readonly PaneSetup[]; blind: boolean }) {
  if (drafts.drafts.length === 0) return null;
  const vision = (pane: PaneSetup) => backend.models.find((info) => info.key === pane.model)?.vision ?? false;
  const blindPanes = [...new Set(panes.filter((pane) => !vision(pane)).map(paneLabel))];
  const count = drafts.ready.length;
  return (
    <div className="flex flex-col gap-2 rounded-xl border border-border bg-card p-2.5" data-testid="compare-image-tray">
      <DraftImageList drafts={drafts} />
      {count > 0 && (
        <p className="text-xs text-muted-foreground" data-testid="image-estimate">
          {count === 1 ? "1 image" : `${count} images`} · ≈{drafts.tokens.toLocaleString("en")} input tokens for each pane that sees images
        </p>
      )}
      {blindPanes.length > 0 && (
        <p className="flex items-start gap-1.5 text-xs" data-testid="compare-vision-note">
          <ImageOff className="mt-px h-3.5 w-3.5 shrink-0 text-warning" aria-hidden />
          {blind
            ? "Panes whose model cannot see images get the words only."
            : `${blindPanes.join(", ")} cannot see images: ${blindPanes.length === 1 ? "that pane gets" : "those panes get"} the words only.`}
        </p>
      )}
    </div>
  );
}
