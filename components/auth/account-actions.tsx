"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth/client";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const router = useRouter();
  const t = useTranslations("account");
  return (
    <Button
      variant="outline"
      onClick={async () => {
        await authClient.signOut();
        router.push("/sign-in");
        router.refresh();
      }}
    >
      {t("signOut")}
    </Button>
  );
}

/** Change password: the current one, then the new one (other sessions are signed out). */
export function ChangePasswordForm() {
  const t = useTranslations("account");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    const result = await authClient.changePassword({
      currentPassword: String(form.get("current") ?? ""),
      newPassword: String(form.get("next") ?? ""),
      revokeOtherSessions: true,
    });
    setPending(false);
    if (result.error) setMessage({ ok: false, text: result.error.message ?? t("passwordNotChanged") });
    else {
      formElement.reset();
      setMessage({ ok: true, text: t("passwordChanged") });
    }
  };
  return (
    <form onSubmit={submit} className="space-y-3" aria-label={t("changePassword")}>
      <label className="block space-y-1 text-sm">
        <span className="font-medium">{t("currentPassword")}</span>
        <input name="current" type="password" autoComplete="current-password" required className={INPUT} />
      </label>
      <label className="block space-y-1 text-sm">
        <span className="font-medium">{t("newPassword")}</span>
        <input name="next" type="password" autoComplete="new-password" minLength={8} required className={INPUT} />
      </label>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-muted-foreground" : "text-sm text-danger"} data-testid="password-message">
          {message.text}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={pending}>
        {t("changePassword")}
      </Button>
    </form>
  );
}

export const INPUT =
  "w-full rounded-lg border border-input bg-background px-3 py-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring";
