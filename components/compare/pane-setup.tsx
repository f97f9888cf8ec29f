"use client";

import { useTranslations } from "next-intl";
import { REASONING_MODES, type ReasoningMode } from "@/lib/ai/modes";
import type { ModelKey } from "@/lib/ai/catalogue";
import { DEFAULT_PANES, MAX_PANES, MIN_PANES, type PaneSetup } from "@/lib/compare/contract";
import type { BackendInfo } from "@/lib/contract";
import { Segmented } from "@/components/ui/segmented";

const SELECT =
  "h-8 min-w-0 rounded-lg border border-border bg-card px-2 text-sm text-foreground focus-visible:outline-2 focus-visible:outline-ring";

/** Before the first prompt: how many panes, and each pane's model and mode. */
export function PaneSetupControls({
  backend,
  panes,
  onChange,
}: {
  backend: BackendInfo;
  panes: PaneSetup[];
  onChange: (panes: PaneSetup[]) => void;
}) {
  const t = useTranslations("compare");
  const tModels = useTranslations("models");
  const count = String(panes.length) as "2" | "3" | "4";
  const resize = (value: "2" | "3" | "4") => {
    const wanted = Number(value);
    const next = panes.slice(0, wanted);
    // New panes start as the other setups people compare most: Flash and Pro in Think Max.
    const extra: PaneSetup[] = [...DEFAULT_PANES, { model: "flash", mode: "think-max" }, { model: "pro", mode: "think-max" }];
    while (next.length < wanted) next.push(extra[next.length] ?? { model: "flash", mode: "think-high" });
    onChange(next);
  };
  const counts = Array.from({ length: MAX_PANES - MIN_PANES + 1 }, (_, index) => String(MIN_PANES + index) as "2" | "3" | "4");
  return (
    <div className="flex flex-col gap-2" data-testid="pane-setup">
      <div className="flex items-center gap-2 text-sm">
        <span className="text-muted-foreground">{t("panes")}</span>
        <Segmented label={t("paneCount")} options={counts.map((value) => ({ value, label: value }))} value={count} onChange={resize} />
      </div>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-4">
        {panes.map((pane, lane) => (
          <fieldset key={lane} className="flex min-w-0 items-center gap-1.5 rounded-lg border border-border p-1.5 pl-2.5">
            <legend className="sr-only">{t("pane", { number: lane + 1 })}</legend>
            <span className="text-xs font-medium text-muted-foreground" aria-hidden>
              {lane + 1}
            </span>
            <select
              aria-label={t("paneModel", { number: lane + 1 })}
              className={`${SELECT} flex-1`}
              value={pane.model}
              onChange={(event) => onChange(panes.map((item, index) => (index === lane ? { ...item, model: event.target.value as ModelKey } : item)))}
            >
              {backend.models.map((model) => (
                <option key={model.key} value={model.key}>
                  {model.label}
                </option>
              ))}
            </select>
            <select
              aria-label={t("paneMode", { number: lane + 1 })}
              className={`${SELECT} flex-1`}
              value={pane.mode}
              onChange={(event) => onChange(panes.map((item, index) => (index === lane ? { ...item, mode: event.target.value as ReasoningMode } : item)))}
            >
              {REASONING_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {tModels(`modes.${mode}`)}
                </option>
              ))}
            </select>
          </fieldset>
        ))}
      </div>
    </div>
  );
}
