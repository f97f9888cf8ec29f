import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthForm } from "@/components/auth/auth-form";
import { accountsExist } from "@/lib/auth/accounts";
import { auth } from "@/lib/auth/auth";
import { getDb } from "@/lib/db/client";
import { databaseUrl } from "@/lib/env";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  const t = await getTranslations();
  return { title: t("meta.pageTitle", { page: t("auth.signInPage") }) };
}

export default async function SignInPage() {
  const db = getDb(databaseUrl());
  if (!(await accountsExist(db))) redirect("/sign-up");
  if (await auth().api.getSession({ headers: await headers() })) redirect("/");
  return <AuthForm mode="sign-in" />;
}
