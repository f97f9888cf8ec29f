import { Coins, Gauge, Ruler } from "lucide-react";
import type { Marker, PaneFigures as Figures } from "@/lib/compare/figures";
import { formatSeconds, formatTokens, formatUsd } from "@/lib/usage/format";
import { cn } from "@/lib/utils";

const MARKERS: Record<Marker, { label: string; icon: React.ReactNode }> = {
  fastest: { label: "Fastest", icon: <Gauge className="h-3 w-3" /> },
  cheapest: { label: "Cheapest", icon: <Coins className="h-3 w-3" /> },
  longest: { label: "Longest", icon: <Ruler className="h-3 w-3" /> },
};

export function MarkerBadges({ markers }: { markers: readonly Marker[] }) {
  if (markers.length === 0) return null;
  return (
    <span className="flex flex-wrap gap-1">
      {markers.map((marker) => (
        <span
          key={marker}
          data-testid={`marker-${marker}`}
          className="inline-flex items-center gap-1 rounded-full bg-accent px-2 py-0.5 text-[11px] font-medium text-accent-foreground"
        >
          {MARKERS[marker].icon}
          {MARKERS[marker].label}
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
  const f = figures;
  const approx = f?.estimated ?? false;
  const rows: Array<{ label: string; text: string; title: string; testId: string; highlight?: boolean }> = [
    { label: "First token", text: value(f?.ttftMs, formatSeconds, false), title: "Time to first token", testId: "figure-ttft" },
    { label: "Reasoning", text: value(f?.reasoningMs, formatSeconds, false), title: "Time spent reasoning", testId: "figure-reasoning" },
    { label: "Total", text: value(f?.totalMs, formatSeconds, false), title: "Whole answer", testId: "figure-total", highlight: markers.includes("fastest") },
    {
      label: "Speed",
      text: value(f?.tokensPerSecond, (speed) => `${Math.round(speed)} tok/s`, approx),
      title: "Output tokens per second, after the first token",
      testId: "figure-speed",
    },
    {
      label: "Input",
      text:
        f?.inputTokens === undefined
          ? "–"
          : `${formatTokens(f.inputTokens)}${f.cacheHitTokens ? ` (${formatTokens(f.cacheHitTokens)} cached)` : ""}`,
      title: "Input tokens, of which cache hits (billed at the cache-hit price)",
      testId: "figure-input",
    },
    {
      label: "Output",
      text:
        f?.outputTokens === undefined
          ? "–"
          : `${approx ? "≈ " : ""}${formatTokens(f.outputTokens)}${f.reasoningTokens ? ` (${formatTokens(f.reasoningTokens)} reasoning)` : ""}`,
      title: "Output tokens, reasoning included",
      testId: "figure-output",
      highlight: markers.includes("longest"),
    },
    {
      label: "Cost",
      text: value(f?.costUsd, formatUsd, approx || (f !== undefined && !f.final)),
      title: f && !f.final ? "So far: the output that arrived; input is billed once the answer ends" : "Cost at the prices in force",
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
        <div key={row.label} className="flex min-w-0 items-baseline justify-between gap-1.5 sm:block" title={row.title} data-testid={row.testId}>
          <dt className="text-[11px] text-muted-foreground">{row.label}</dt>
          <dd className={cn("tabular-nums [overflow-wrap:anywhere]", row.highlight && "font-semibold text-primary")}>{row.text}</dd>
        </div>
      ))}
    </dl>
  );
}
