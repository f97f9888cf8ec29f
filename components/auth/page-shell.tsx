import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";

/** A plain page with a way back to the chats (account, admin). */
export function PageShell({ title, children }: { title: string; children: React.ReactNode }) {
  const t = useTranslations("common");
  return (
    <main className="mx-auto w-full max-w-3xl space-y-6 p-4 sm:p-8">
      <Link href="/" className="inline-flex items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="h-4 w-4" /> {t("backToChats")}
      </Link>
      <h1 className="text-2xl font-semibold">{title}</h1>
      {children}
    </main>
  );
}

export function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3 rounded-2xl border border-border bg-card p-5" aria-label={title}>
      <h2 className="font-medium">{title}</h2>
      {children}
    </section>
  );
}
