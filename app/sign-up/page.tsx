import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthForm } from "@/components/auth/auth-form";
import { accountsExist, signUpOpen } from "@/lib/auth/accounts";
import { auth } from "@/lib/auth/auth";
import { getDb } from "@/lib/db/client";
import { databaseUrl } from "@/lib/env";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  const t = await getTranslations();
  return { title: t("meta.pageTitle", { page: t("auth.signUpPage") }) };
}

export default async function SignUpPage() {
  const db = getDb(databaseUrl());
  if (await auth().api.getSession({ headers: await headers() })) redirect("/");
  if (!(await signUpOpen(db))) {
    const t = await getTranslations("auth");
    return (
      <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-6 text-center">
        <h1 className="text-xl font-semibold">{t("closedTitle")}</h1>
        <p className="max-w-sm text-sm text-muted-foreground" data-testid="sign-up-closed">
          {t("closedText")}
        </p>
        <Link href="/sign-in" className="rounded-lg bg-primary px-4 py-2 text-sm font-medium text-primary-foreground">
          {t("signIn")}
        </Link>
      </main>
    );
  }
  return <AuthForm mode="sign-up" firstAccount={!(await accountsExist(db))} />;
}
