"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth/client";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const router = useRouter();
  return (
    <Button
      variant="outline"
      onClick={async () => {
        await authClient.signOut();
        router.push("/sign-in");
        router.refresh();
      }}
    >
      Sign out
    </Button>
  );
}

/** Change password: the current one, then the new one (other sessions are signed out). */
export function ChangePasswordForm() {
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
    if (result.error) setMessage({ ok: false, text: result.error.message ?? "The password was not changed." });
    else {
      formElement.reset();
      setMessage({ ok: true, text: "Password changed. Other devices were signed out." });
    }
  };
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Change password">
      <label className="block space-y-1 text-sm">
        <span className="font-medium">Current password</span>
        <input name="current" type="password" autoComplete="current-password" required className={INPUT} />
      </label>
      <label className="block space-y-1 text-sm">
        <span className="font-medium">New password</span>
        <input name="next" type="password" autoComplete="new-password" minLength={8} required className={INPUT} />
      </label>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-muted-foreground" : "text-sm text-danger"} data-testid="password-message">
          {message.text}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={pending}>
        Change password
      </Button>
    </form>
  );
}

export const INPUT =
  "w-full rounded-lg border border-input bg-background px-3 py-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring";
