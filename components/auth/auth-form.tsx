"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth/client";
import { Button } from "@/components/ui/button";

/** Sign in, or create an account (the first one becomes the admin). */
export function AuthForm({ mode, firstAccount = false }: { mode: "sign-in" | "sign-up"; firstAccount?: boolean }) {
  const router = useRouter();
  const t = useTranslations("auth");
  const locale = useLocale();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setPending(true);
    setError(null);
    const result =
      mode === "sign-in"
        ? await authClient.signIn.email({ email, password })
        : await authClient.signUp.email({ email, password, name: String(form.get("name") ?? "").trim() || email });
    setPending(false);
    if (result.error) {
      // The auth library words its errors in English: other locales say it in general terms.
      const general = result.error.status === 429 ? t("tooMany") : t("didNotWork");
      setError(locale === "en" ? (result.error.message ?? general) : general);
      return;
    }
    router.push("/");
    router.refresh();
  };

  const title = mode === "sign-in" ? t("signInTitle") : firstAccount ? t("createAdmin") : t("createAccount");
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <form onSubmit={submit} className="w-full max-w-sm space-y-4 rounded-2xl border border-border bg-card p-6 shadow-sm" aria-labelledby="auth-title">
        <div className="flex items-center gap-2">
          <img src="/icon.svg" alt="" className="h-7 w-7" />
          <h1 id="auth-title" className="text-lg font-semibold">
            {title}
          </h1>
        </div>
        {firstAccount && (
          <p className="text-sm text-muted-foreground">
            {t("firstAccount")}
          </p>
        )}
        {mode === "sign-up" && (
          <Field label={t("name")} name="name" autoComplete="name" />
        )}
        <Field label={t("email")} name="email" type="email" autoComplete="email" required />
        <Field
          label={t("password")}
          name="password"
          type="password"
          autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
          minLength={mode === "sign-up" ? 8 : undefined}
          required
        />
        {error && (
          <p role="alert" className="rounded-lg border border-danger/40 bg-danger-muted px-3 py-2 text-sm" data-testid="auth-error">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" className="w-full justify-center" disabled={pending}>
          {pending ? t("oneMoment") : mode === "sign-in" ? t("signIn") : t("create")}
        </Button>
        {!firstAccount && (
        <p className="text-center text-sm text-muted-foreground">
          {mode === "sign-in" ? (
            <Link href="/sign-up" className="underline underline-offset-2">
              {t("createAccount")}
            </Link>
          ) : (
            <Link href="/sign-in" className="underline underline-offset-2">
              {t("haveAccount")}
            </Link>
          )}
        </p>
        )}
      </form>
    </main>
  );
}

function Field({ label, name, ...input }: { label: string; name: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="block space-y-1 text-sm">
      <span className="font-medium">{label}</span>
      <input
        name={name}
        className="w-full rounded-lg border border-input bg-background px-3 py-2 outline-none focus-visible:ring-2 focus-visible:ring-ring"
        {...input}
      />
    </label>
  );
}
