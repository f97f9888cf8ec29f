"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { useFigures } from "@/components/i18n/use-figures";
import { cn } from "@/lib/utils";
import { useLiveFigures, type LiveFiguresStore } from "./live-figures";

/** On a narrow screen the panes are tabs; each tab shows its pane's key figures (time, speed, cost). */
export function PaneTabs({
  store,
  tabs,
  selected,
  onSelect,
}: {
  store: LiveFiguresStore;
  tabs: Array<{ lane: number; name: string }>;
  selected: number;
  onSelect: (index: number) => void;
}) {
  const t = useTranslations("compare");
  const list = useRef<HTMLDivElement>(null);
  const focus = (index: number) => {
    const next = (index + tabs.length) % tabs.length;
    onSelect(next);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div
      ref={list}
      role="tablist"
      aria-label={t("panes")}
      className="grid shrink-0 gap-1 rounded-xl bg-muted p-1"
      style={{ gridTemplateColumns: `repeat(${tabs.length}, minmax(0, 1fr))` }}
      onKeyDown={(event) => {
        if (event.key === "ArrowRight") focus(selected + 1);
        else if (event.key === "ArrowLeft") focus(selected - 1);
        else if (event.key === "Home") focus(0);
        else if (event.key === "End") focus(tabs.length - 1);
        else return;
        event.preventDefault();
      }}
    >
      {tabs.map((tab, index) => (
        <PaneTab key={tab.lane} store={store} lane={tab.lane} name={tab.name} selected={index === selected} onSelect={() => onSelect(index)} />
      ))}
    </div>
  );
}

function PaneTab({ store, lane, name, selected, onSelect }: { store: LiveFiguresStore; lane: number; name: string; selected: boolean; onSelect: () => void }) {
  const t = useTranslations("compare.figures");
  const format = useFigures();
  const figures = useLiveFigures(store, lane);
  const approx = figures && !figures.final ? "≈ " : "";
  const parts = [
    figures?.totalMs !== undefined ? format.seconds(figures.totalMs) : null,
    figures?.tokensPerSecond !== undefined ? `${approx}${t("speedShort", { speed: Math.round(figures.tokensPerSecond) })}` : null,
    figures?.costUsd !== undefined ? `${approx}${format.usd(figures.costUsd)}` : null,
  ].filter(Boolean);
  return (
    <button
      type="button"
      role="tab"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      onClick={onSelect}
      data-testid="pane-tab"
      className={cn(
        "flex min-w-0 flex-col items-start rounded-lg px-2 py-1 text-left focus-visible:outline-2 focus-visible:outline-ring",
        selected ? "bg-card shadow-sm" : "text-muted-foreground hover:bg-card/60",
      )}
    >
      <span className="w-full truncate text-xs font-semibold">{name}</span>
      {/* Wraps rather than cuts: four tabs on a phone show each figure on its own line. */}
      <span className="flex w-full flex-wrap gap-x-1.5 text-[11px] leading-tight tabular-nums text-muted-foreground" data-testid="pane-tab-figures">
        {parts.length > 0 ? parts.map((part) => <span key={part} className="whitespace-nowrap">{part}</span>) : "–"}
      </span>
    </button>
  );
}
