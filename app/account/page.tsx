import Link from "next/link";
import { ChangePasswordForm, SignOutButton } from "@/components/auth/account-actions";
import { PageShell, Section } from "@/components/auth/page-shell";
import { DataTransfer } from "@/components/workspace/data-transfer";
import { limitsFor, startOfUtcDay, usageSince } from "@/lib/auth/limits";
import { pageContext } from "@/lib/server/context";
import { formatTokens, formatUsd } from "@/lib/usage/format";

export const dynamic = "force-dynamic";
export const metadata = { title: "Account · V4 Chat" };

export default async function AccountPage() {
  const context = await pageContext();
  const [today, limits] = await Promise.all([
    usageSince(context.db, context.userId, startOfUtcDay(new Date())),
    limitsFor(context.db, context.userId),
  ]);
  const limit = (value: number | null, show: (n: number) => string) => (value === null ? "no limit" : `limit ${show(value)}`);
  return (
    <PageShell title="Account">
      <Section title="You">
        {context.signedIn ? (
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm" data-testid="account-who">
              {context.name} · {context.email} {context.role === "admin" && <span className="text-muted-foreground">(admin)</span>}
            </p>
            <div className="flex gap-2">
              {context.role === "admin" && (
                <Link href="/admin" className="rounded-lg border border-border px-3 py-2 text-sm hover:bg-muted">
                  Users and limits
                </Link>
              )}
              <SignOutButton />
            </div>
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">
            You are using V4 Chat on this machine without an account.{" "}
            <Link href="/sign-up" className="text-foreground underline underline-offset-2">
              Create the admin account
            </Link>{" "}
            to protect it with a password and to let others in with their own accounts.
          </p>
        )}
      </Section>
      <Section title="Usage today (UTC)">
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="usage-today">
          <Figure label="Answers" value={String(today.requests)} note={limit(limits.requestsPerMinute, (n) => `${n}/min`)} />
          <Figure label="Tokens" value={formatTokens(today.inputTokens + today.outputTokens)} note={limit(limits.tokensPerDay, formatTokens)} />
          <Figure label="Cost" value={formatUsd(today.costUsd)} note={limit(limits.usdPerDay, formatUsd)} />
          <Figure label="At once" value="" note={limit(limits.maxConcurrent, String)} />
        </dl>
      </Section>
      <Section title="Your data">
        <DataTransfer />
      </Section>
      {context.signedIn && (
        <Section title="Password">
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
