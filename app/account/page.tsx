import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ChangePasswordForm, SignOutButton } from "@/components/auth/account-actions";
import { PageShell, Section } from "@/components/auth/page-shell";
import { LanguageSwitch } from "@/components/i18n/language-switch";
import { DataTransfer } from "@/components/workspace/data-transfer";
import { limitsFor, startOfUtcDay, usageSince } from "@/lib/auth/limits";
import { pageContext } from "@/lib/server/context";
import { formatCount, formatTokens, formatUsd } from "@/lib/usage/format";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations();
  return { title: t("meta.pageTitle", { page: t("account.title") }) };
}

export default async function AccountPage() {
  const context = await pageContext();
  const t = await getTranslations("account");
  const locale = await getLocale();
  const [today, limits] = await Promise.all([
    usageSince(context.db, context.userId, startOfUtcDay(new Date())),
    limitsFor(context.db, context.userId),
  ]);
  const limit = (value: number | null, show: (n: number) => string) => (value === null ? t("noLimit") : t("limit", { value: show(value) }));
  return (
    <PageShell title={t("title")}>
      <Section title={t("you")}>
        {context.signedIn ? (
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm" data-testid="account-who">
              {context.name} · {context.email} {context.role === "admin" && <span className="text-muted-foreground">{t("adminTag")}</span>}
            </p>
            <div className="flex gap-2">
              {context.role === "admin" && (
                <Link href="/admin" className="rounded-lg border border-border px-3 py-2 text-sm hover:bg-muted">
                  {t("usersAndLimits")}
                </Link>
              )}
              <SignOutButton />
            </div>
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">
            {t.rich("noAccount", {
              link: (chunks) => (
                <Link href="/sign-up" className="text-foreground underline underline-offset-2">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        )}
      </Section>
      <Section title={t("language")}>
        <LanguageSwitch />
      </Section>
      <Section title={t("usageToday")}>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="usage-today">
          <Figure label={t("answers")} value={formatCount(today.requests, locale)} note={limit(limits.requestsPerMinute, (n) => t("perMinute", { count: formatCount(n, locale) }))} />
          <Figure label={t("tokens")} value={formatTokens(today.inputTokens + today.outputTokens, locale)} note={limit(limits.tokensPerDay, (n) => formatTokens(n, locale))} />
          <Figure label={t("cost")} value={formatUsd(today.costUsd, locale)} note={limit(limits.usdPerDay, (n) => formatUsd(n, locale))} />
          <Figure label={t("atOnce")} value="" note={limit(limits.maxConcurrent, (n) => formatCount(n, locale))} />
        </dl>
      </Section>
      <Section title={t("yourData")}>
        <DataTransfer />
      </Section>
      {context.signedIn && (
        <Section title={t("password")}>
          <ChangePasswordForm />
        </Section>
      )}
    </PageShell>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="text-lg font-medium tabular-nums">{value}</dd>
      <dd className="text-xs text-muted-foreground">{note}</dd>
    </div>
  );
}
