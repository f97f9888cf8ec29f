"use client";

import { Coins, Gauge, Ruler } from "lucide-react";
import { useTranslations } from "next-intl";
import type { Marker, PaneFigures as Figures } from "@/lib/compare/figures";
import { cn } from "@/lib/utils";
import { useFigures } from "@/components/i18n/use-figures";

const MARKER_ICONS: Record<Marker, React.ReactNode> = {
  fastest: <Gauge className="h-3 w-3" />,
  cheapest: <Coins className="h-3 w-3" />,
  longest: <Ruler className="h-3 w-3" />,
};

export function MarkerBadges({ markers }: { markers: readonly Marker[] }) {
  const t = useTranslations("compare.markers");
  if (markers.length === 0) return null;
  return (
    <span className="flex flex-wrap gap-1">
      {markers.map((marker) => (
        <span
          key={marker}
          data-testid={`marker-${marker}`}
          className="inline-flex items-center gap-1 rounded-full bg-accent px-2 py-0.5 text-[11px] font-medium text-accent-foreground"
        >
          {MARKER_ICONS[marker]}
          {t(marker)}
        </span>
      ))}
    </span>
  );
}

function value(known: number | undefined, format: (value: number) => string, approx: boolean): string {
  if (known === undefined) return "–";
  return `${approx ? "≈ " : ""}${format(known)}`;
}

/** The figures of one pane's answer, live (≈, from this page's clock) or final (from the server). */
export function PaneFigures({ figures, markers }: { figures: Figures | undefined; markers: readonly Marker[] }) {
  const t = useTranslations("compare.figures");
  const format = useFigures();
  const f = figures;
  const approx = f?.estimated ?? false;
  const rows: Array<{ key: string; label: string; text: string; title: string; testId: string; highlight?: boolean }> = [
    { key: "ttft", label: t("ttft"), text: value(f?.ttftMs, format.seconds, false), title: t("ttftTitle"), testId: "figure-ttft" },
    { key: "reasoning", label: t("reasoning"), text: value(f?.reasoningMs, format.seconds, false), title: t("reasoningTitle"), testId: "figure-reasoning" },
    { key: "total", label: t("total"), text: value(f?.totalMs, format.seconds, false), title: t("totalTitle"), testId: "figure-total", highlight: markers.includes("fastest") },
    {
      key: "speed",
      label: t("speed"),
      text: value(f?.tokensPerSecond, (speed) => t("speedValue", { speed: Math.round(speed) }), approx),
      title: t("speedTitle"),
      testId: "figure-speed",
    },
    {
      key: "input",
      label: t("input"),
      text:
        f?.inputTokens === undefined
          ? "–"
          : f.cacheHitTokens
            ? t("inputCached", { tokens: format.tokens(f.inputTokens), cached: format.tokens(f.cacheHitTokens) })
            : format.tokens(f.inputTokens),
      title: t("inputTitle"),
      testId: "figure-input",
    },
    {
      key: "output",
      label: t("output"),
      text:
        f?.outputTokens === undefined
          ? "–"
          : `${approx ? "≈ " : ""}${
              f.reasoningTokens
                ? t("outputReasoning", { tokens: format.tokens(f.outputTokens), reasoning: format.tokens(f.reasoningTokens) })
                : format.tokens(f.outputTokens)
            }`,
      title: t("outputTitle"),
      testId: "figure-output",
      highlight: markers.includes("longest"),
    },
    {
      key: "cost",
      label: t("cost"),
      text: value(f?.costUsd, format.usd, approx || (f !== undefined && !f.final)),
      title: f && !f.final ? t("costSoFar") : t("costFinal"),
      testId: "figure-cost",
      highlight: markers.includes("cheapest"),
    },
  ];
  return (
    <dl
      className="grid grid-cols-2 gap-x-3 gap-y-0.5 text-xs sm:grid-cols-[repeat(auto-fill,minmax(6.5rem,1fr))]"
      data-testid="pane-figures"
      data-final={f?.final ? "true" : "false"}
    >
      {rows.map((row) => (
        <div key={row.key} className="flex min-w-0 items-baseline justify-between gap-1.5 sm:block" title={row.title} data-testid={row.testId}>
          <dt className="text-[11px] text-muted-foreground">{row.label}</dt>
          <dd className={cn("tabular-nums [overflow-wrap:anywhere]", row.highlight && "font-semibold text-primary")}>{row.text}</dd>
        </div>
      ))}
    </dl>
  );
}
