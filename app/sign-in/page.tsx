import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { accountsExist } from "@/lib/auth/accounts";
import { auth } from "@/lib/auth/auth";
import { getDb } from "@/lib/db/client";
import { databaseUrl } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in · V4 Chat" };

export default async function SignInPage() {
  const db = getDb(databaseUrl());
  if (!(await accountsExist(db))) redirect("/sign-up");
  if (await auth().api.getSession({ headers: await headers() })) redirect("/");
  return <AuthForm mode="sign-in" />;
}
