import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { accountsExist, signUpOpen } from "@/lib/auth/accounts";
import { auth } from "@/lib/auth/auth";
import { getDb } from "@/lib/db/client";
import { databaseUrl } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata = { title: "Create an account · V4 Chat" };

export default async function SignUpPage() {
  const db = getDb(databaseUrl());
  if (await auth().api.getSession({ headers: await headers() })) redirect("/");
  if (!(await signUpOpen(db))) {
    return (
      <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-6 text-center">
        <h1 className="text-xl font-semibold">Sign-up is closed</h1>
        <p className="max-w-sm text-sm text-muted-foreground" data-testid="sign-up-closed">
          Ask the admin of this V4 Chat for an account, or to open sign-up.
        </p>
        <Link href="/sign-in" className="rounded-lg bg-primary px-4 py-2 text-sm font-medium text-primary-foreground">
          Sign in
        </Link>
      </main>
    );
  }
  return <AuthForm mode="sign-up" firstAccount={!(await accountsExist(db))} />;
}
