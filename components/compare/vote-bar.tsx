"use client";

import { Check } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ComparisonVote } from "@/lib/compare/contract";
import type { VoteOutcome } from "@/lib/compare/results";
import { cn } from "@/lib/utils";

/** The verdict on the latest prompt: one pane is better, a tie, or both bad. */
export function VoteBar({
  panes,
  vote,
  disabled,
  onVote,
}: {
  /** In the order shown, with their names. */
  panes: Array<{ lane: number; name: string }>;
  vote: ComparisonVote | null;
  disabled: boolean;
  onVote: (outcome: VoteOutcome, winnerLane: number | null) => void;
}) {
  const t = useTranslations("compare");
  const options: Array<{ key: string; label: string; outcome: VoteOutcome; lane: number | null }> = [
    ...panes.map((pane) => ({ key: `lane-${pane.lane}`, label: t("isBetter", { name: pane.name }), outcome: "better" as const, lane: pane.lane })),
    { key: "tie", label: t("tie"), outcome: "tie", lane: null },
    { key: "both-bad", label: panes.length > 2 ? t("allBad") : t("bothBad"), outcome: "both-bad", lane: null },
  ];
  return (
    <div role="group" aria-label={t("vote")} className="flex flex-wrap items-center gap-1.5" data-testid="vote-bar">
      <span className="mr-1 hidden text-xs text-muted-foreground sm:inline">{vote ? t("yourVote") : t("whichBetter")}</span>
      {options.map((option) => {
        const chosen = vote !== null && vote.outcome === option.outcome && vote.winnerLane === option.lane;
        return (
          <button
            key={option.key}
            type="button"
            disabled={disabled}
            aria-pressed={chosen}
            onClick={() => onVote(option.outcome, option.lane)}
            className={cn(
              "inline-flex h-8 items-center gap-1 rounded-lg border px-2.5 text-sm font-medium transition-colors disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-ring",
              chosen ? "border-primary bg-primary text-primary-foreground" : "border-border bg-card hover:bg-muted",
            )}
          >
            {chosen && <Check className="h-3.5 w-3.5" />}
            {option.label}
          </button>
        );
      })}
    </div>
  );
}
