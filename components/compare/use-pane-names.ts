"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { getModelInfo } from "@/lib/ai/catalogue";
import type { PaneSetup } from "@/lib/compare/contract";

/** A pane's name in the interface's language: "V4 Pro · Think High", "Pro High", or "Answer B" while blind. */
export function usePaneNames() {
  const t = useTranslations("compare");
  const tModels = useTranslations("models");
  return useMemo(
    () => ({
      label: (pane: PaneSetup) => t("paneLabel", { model: getModelInfo(pane.model).label, mode: tModels(`modes.${pane.mode}`) }),
      short: (pane: PaneSetup) =>
        t("paneShort", { model: getModelInfo(pane.model).label.replace(/^V4(\.\d+)? /, ""), mode: tModels(`modesShort.${pane.mode}`) }),
      blind: (position: number) => t("blindName", { letter: String.fromCharCode(65 + position) }),
    }),
    [t, tModels],
  );
}
