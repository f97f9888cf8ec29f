"use client";

import { ImageOff } from "lucide-react";
import { useTranslations } from "next-intl";
import type { BackendInfo } from "@/lib/contract";
import type { PaneSetup } from "@/lib/compare/contract";
import { usePaneNames } from "@/components/compare/use-pane-names";
import { useFigures } from "@/components/i18n/use-figures";
import { DraftImageList } from "./image-tray";
import type { ImageDrafts } from "./use-image-drafts";

/**
 * Above a comparison's prompt box: the images for every pane, what they add to each prompt, and
 * which panes cannot see them (those get the words only). While blind, no pane is named.
 */
export function CompareImageTray({ drafts, backend, panes, blind }: { drafts: ImageDrafts; backend: BackendInfo; panes: readonly PaneSetup[]; blind: boolean }) {
  const t = useTranslations("images");
  const figures = useFigures();
  const paneNames = usePaneNames();
  if (drafts.drafts.length === 0) return null;
  const vision = (pane: PaneSetup) => backend.models.find((info) => info.key === pane.model)?.vision ?? false;
  const blindPanes = [...new Set(panes.filter((pane) => !vision(pane)).map(paneNames.label))];
  const count = drafts.ready.length;
  return (
    <div className="flex flex-col gap-2 rounded-xl border border-border bg-card p-2.5" data-testid="compare-image-tray">
      <DraftImageList drafts={drafts} />
      {count > 0 && (
        <p className="text-xs text-muted-foreground" data-testid="image-estimate">
          {t("estimatePanes", { count, tokens: figures.count(drafts.tokens) })}
        </p>
      )}
      {blindPanes.length > 0 && (
        <p className="flex items-start gap-1.5 text-xs" data-testid="compare-vision-note">
          <ImageOff className="mt-px h-3.5 w-3.5 shrink-0 text-warning" aria-hidden />
          {blind ? t("blindPanesNote") : t("panesNote", { panes: blindPanes.join(", "), count: blindPanes.length })}
        </p>
      )}
    </div>
  );
}
