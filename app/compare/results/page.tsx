import { ArrowLeft, Columns2 } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getModelInfo } from "@/lib/ai/catalogue";
import { ResultsCharts, type ChartRow } from "@/components/compare/results-charts";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { isModelKey } from "@/lib/ai/catalogue";
import { isReasoningMode } from "@/lib/ai/modes";
import { setupResults, VOTE_OUTCOMES, type ResultAnswer, type VoteOutcome } from "@/lib/compare/results";
import { comparisonResultRows } from "@/lib/db/queries";
import { pageContext } from "@/lib/server/context";
import { formatSeconds, formatUsd } from "@/lib/usage/format";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  const t = await getTranslations();
  return { title: t("meta.pageTitle", { page: t("compare.resultsTitle") }) };
}

/** What the user's own votes and figures say: which model × mode wins, how fast, at what cost. */
export default async function ResultsPage() {
  const { db, userId } = await pageContext();
  const t = await getTranslations("compare");
  const tSidebar = await getTranslations("sidebar");
  const tModels = await getTranslations("models");
  const locale = await getLocale();
  const rows = await comparisonResultRows({ db, userId });
  const answers: ResultAnswer[] = rows.answers.flatMap((row) =>
    row.parentId && isModelKey(row.model) && isReasoningMode(row.mode)
      ? [{ promptId: row.parentId, lane: row.lane, model: row.model, mode: row.mode, status: row.status, ttftMs: row.ttftMs, durationMs: row.durationMs, outputTokens: row.outputTokens, costUsd: row.costUsd }]
      : [],
  );
  const votes = rows.votes.flatMap((vote) =>
    (VOTE_OUTCOMES as readonly string[]).includes(vote.outcome) ? [{ promptId: vote.promptId, outcome: vote.outcome as VoteOutcome, winnerLane: vote.winnerLane }] : [],
  );
  const results: ChartRow[] = setupResults(answers, votes);
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex h-12 shrink-0 items-center gap-2 border-b border-border px-2 sm:px-4">
        <Link href="/compare" className="inline-flex h-8 items-center gap-1 rounded-lg px-2 text-sm text-muted-foreground hover:bg-muted hover:text-foreground">
          <ArrowLeft className="h-4 w-4" />
          <span>{t("title")}</span>
        </Link>
        <h1 className="min-w-0 flex-1 truncate text-sm font-medium">{t("resultsTitle")}</h1>
        <ThemeToggle />
      </header>
      <main className="mx-auto flex w-full max-w-5xl flex-col gap-4 p-3 sm:p-4">
        <p className="text-sm text-muted-foreground">
          {t("fromVotes", { votes: votes.length, answers: answers.length })}
        </p>
        {results.length === 0 ? (
          <p className="rounded-xl border border-border bg-card p-6 text-center text-sm text-muted-foreground">
            {t("noComparisons")}{" "}
            <Link href="/compare" className="inline-flex items-center gap-1 text-primary underline-offset-2 hover:underline">
              <Columns2 className="h-4 w-4" /> {tSidebar("compare")}
            </Link>
          </p>
        ) : (
          <>
            <ResultsCharts rows={results} />
            <div className="overflow-x-auto rounded-xl border border-border bg-card">
              <table className="w-full text-sm" data-testid="results-table">
                <thead className="text-left text-xs text-muted-foreground">
                  <tr className="border-b border-border">
                    <th className="px-3 py-2 font-medium">{t("table.setup")}</th>
                    <th className="px-3 py-2 text-right font-medium">{t("table.winRate")}</th>
                    <th className="px-3 py-2 text-right font-medium">{t("table.votes")}</th>
                    <th className="px-3 py-2 text-right font-medium">{t("table.ttft")}</th>
                    <th className="px-3 py-2 text-right font-medium">{t("table.speed")}</th>
                    <th className="px-3 py-2 text-right font-medium">{t("table.cost")}</th>
                    <th className="px-3 py-2 text-right font-medium">{t("table.answers")}</th>
                  </tr>
                </thead>
                <tbody className="tabular-nums">
                  {results.map((row) => (
                    <tr key={row.key} className="border-b border-border last:border-b-0" data-testid="results-row" data-setup={row.key}>
                      <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                        {t("paneLabel", { model: getModelInfo(row.model).label, mode: tModels(`modes.${row.mode}`) })}
                      </th>
                      <td className="px-3 py-2 text-right" data-testid="win-rate">
                        {row.winRate === undefined ? "–" : `${Math.round(row.winRate * 100)}%`}
                      </td>
                      <td className="px-3 py-2 text-right" data-testid="win-counts">
                        {row.wins} / {row.ties} / {row.votes}
                      </td>
                      <td className="px-3 py-2 text-right">{row.medianTtftMs === undefined ? "–" : formatSeconds(row.medianTtftMs, locale)}</td>
                      <td className="px-3 py-2 text-right">{row.medianTokensPerSecond === undefined ? "–" : Math.round(row.medianTokensPerSecond)}</td>
                      <td className="px-3 py-2 text-right">{row.costPerAnswerUsd === undefined ? "–" : formatUsd(row.costPerAnswerUsd, locale)}</td>
                      <td className="px-3 py-2 text-right">{row.answers}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </main>
    </div>
  );
}
