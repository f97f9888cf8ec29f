"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SetupResult } from "@/lib/compare/results";
import { useFigures } from "@/components/i18n/use-figures";
import { usePaneNames } from "./use-pane-names";

export type ChartRow = SetupResult;

interface ChartSpec {
  key: "winRate" | "ttft" | "speed" | "cost";
  testId: string;
  value: (row: ChartRow) => number | undefined;
  format: (value: number) => string;
  /** The axis's shorter labels (the unit is in the title). */
  axis?: (value: number) => string;
}

// Colours come from the theme's variables, so the charts follow light and dark mode.
const AXIS = { fill: "var(--muted-foreground)", fontSize: 12 };

/** The results as bar charts (one per figure), one bar per model × mode. */
export function ResultsCharts({ rows }: { rows: ChartRow[] }) {
  const t = useTranslations("compare");
  const figures = useFigures();
  const paneNames = usePaneNames();
  const charts: ChartSpec[] = [
    { key: "winRate", testId: "chart-win-rate", value: (row) => (row.winRate === undefined ? undefined : row.winRate * 100), format: (value) => `${Math.round(value)}%` },
    { key: "ttft", testId: "chart-ttft", value: (row) => row.medianTtftMs, format: figures.seconds },
    {
      key: "speed",
      testId: "chart-speed",
      value: (row) => row.medianTokensPerSecond,
      format: (value) => t("figures.speedValue", { speed: Math.round(value) }),
      axis: (value) => String(Math.round(value)),
    },
    { key: "cost", testId: "chart-cost", value: (row) => row.costPerAnswerUsd, format: figures.usd },
  ];
  return (
    <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
      {charts.map((chart) => {
        const title = t(`charts.${chart.key}`);
        const data = rows.flatMap((row) => {
          const value = chart.value(row);
          return value === undefined ? [] : [{ label: paneNames.short(row), value }];
        });
        return (
          <figure key={chart.testId} className="rounded-xl border border-border bg-card p-3" data-testid={chart.testId}>
            <figcaption className="mb-2">
              <span className="block text-sm font-medium">{title}</span>
              <span className="block text-xs text-muted-foreground">{t(`charts.${chart.key}Note`)}</span>
            </figcaption>
            {data.length === 0 ? (
              <p className="py-10 text-center text-sm text-muted-foreground">{t("noFigures")}</p>
            ) : (
              <div className="h-56" role="img" aria-label={`${title}: ${data.map((item) => `${item.label} ${chart.format(item.value)}`).join(", ")}`}>
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                    <CartesianGrid vertical={false} stroke="var(--border)" />
                    <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval={0} />
                    <YAxis tick={AXIS} tickLine={false} axisLine={false} width={64} tickFormatter={(value: number) => (chart.axis ?? chart.format)(value)} />
                    <Tooltip
                      cursor={{ fill: "var(--muted)" }}
                      formatter={(value) => [chart.format(Number(value)), title]}
                      contentStyle={{ background: "var(--card)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--foreground)" }}
                      labelStyle={{ color: "var(--foreground)" }}
                      itemStyle={{ color: "var(--foreground)" }}
                    />
                    <Bar dataKey="value" fill="var(--primary)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            )}
          </figure>
        );
      })}
    </div>
  );
}
