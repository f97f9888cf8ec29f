import Link from "next/link";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  const [t, tCommon] = await Promise.all([getTranslations("meta"), getTranslations("common")]);
  return { title: t("pageTitle", { page: tCommon("notFoundTitle") }) };
}

/**
 * A wrong address outside the conversations. Kept plain on purpose: the root not-found page's
 * scripts load with every page, so it must not carry the app's frame (a missing conversation gets
 * the frame from app/c/[id]/not-found.tsx).
 */
export default function NotFound() {
  const t = useTranslations("notFound");
  return (
    <main className="flex h-dvh flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-xl font-semibold">{t("pageTitle")}</h1>
      <p className="text-sm text-muted-foreground">{t("pageText")}</p>
      <Link href="/" className="rounded-lg bg-primary px-4 py-2 text-sm font-medium text-primary-foreground">
        {t("toChats")}
      </Link>
    </main>
  );
}
