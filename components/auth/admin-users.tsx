"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/i18n/use-error-text";
import { useFigures } from "@/components/i18n/use-figures";
import { useState, type FormEvent } from "react";
import type { UserRow } from "@/lib/auth/admin";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { INPUT } from "./account-actions";

/** A refused change: the server's error, put into words where it is shown. */
interface Refusal {
  payload?: { code?: string; message?: string };
  status: number;
}

async function send(url: string, method: string, body?: unknown): Promise<Refusal | null> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.ok) return null;
  const payload = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  return { payload: payload?.error, status: response.status };
}

/** The admin's view of the users: sign-up switch, add a user, disable, delete, limits. */
export function AdminUsers({ users, adminId, signUpOpen }: { users: UserRow[]; adminId: string; signUpOpen: boolean }) {
  const router = useRouter();
  const t = useTranslations("admin");
  const tCommon = useTranslations("common");
  const tAuth = useTranslations("auth");
  const errorText = useErrorText();
  const figures = useFigures();
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<UserRow | null>(null);
  const act = async (run: () => Promise<Refusal | null>) => {
    const refusal = await run();
    setError(refusal && errorText(refusal.payload, t("serverAnswered", { status: refusal.status })).message);
    router.refresh();
  };

  const addUser = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    await act(async () => {
      const failed = await send("/api/admin/users", "POST", {
        name: String(form.get("name") ?? ""),
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
      });
      if (!failed) formElement.reset();
      return failed;
    });
  };

  return (
    <div className="space-y-6">
      {error && (
        <p role="alert" className="rounded-lg border border-danger/40 bg-danger-muted px-3 py-2 text-sm" data-testid="admin-error">
          {error}
        </p>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={signUpOpen}
          onChange={(event) => void act(() => send("/api/admin/settings", "PATCH", { signUpOpen: event.target.checked }))}
        />
        {t("signUpOpen")}
      </label>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="users-table">
          <thead className="text-xs text-muted-foreground">
            <tr>
              <th className="py-2 pr-3 font-medium">{t("user")}</th>
              <th className="py-2 pr-3 font-medium">{t("today")}</th>
              <th className="py-2 pr-3 font-medium">{t("limits")}</th>
              <th className="py-2 font-medium">
                <span className="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} className="border-t border-border align-top" data-testid="user-row" data-email={user.email ?? ""}>
                <td className="py-3 pr-3">
                  <div className="font-medium">{user.name}</div>
                  <div className="text-xs text-muted-foreground">
                    {user.email} · {user.role === "admin" ? t("roles.admin") : t("roles.user")}
                    {user.disabled && <span className="ml-1 text-danger">{t("disabled")}</span>}
                  </div>
                </td>
                <td className="py-3 pr-3 text-xs whitespace-nowrap tabular-nums">
                  {t("answers", { count: user.today.requests })}
                  <br />
                  {t("tokensCost", { tokens: figures.tokens(user.today.inputTokens + user.today.outputTokens), cost: figures.usd(user.today.costUsd) })}
                </td>
                <td className="py-3 pr-3">
                  <LimitsForm user={user} onSave={(limits) => act(() => send(`/api/admin/users/${user.id}`, "PATCH", { limits }))} />
                </td>
                <td className="space-y-1 py-3 text-right">
                  {user.id !== adminId && (
                    <>
                      <Button size="sm" variant="outline" onClick={() => void act(() => send(`/api/admin/users/${user.id}`, "PATCH", { disabled: !user.disabled }))}>
                        {user.disabled ? t("enable") : t("disable")}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setDeleting(user)}>
                        {tCommon("delete")}
                      </Button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form onSubmit={addUser} className="grid gap-2 sm:grid-cols-4" aria-label={t("addUser")}>
        <input name="name" placeholder={tAuth("name")} aria-label={tAuth("name")} required className={INPUT} />
        <input name="email" type="email" placeholder={tAuth("email")} aria-label={tAuth("email")} required className={INPUT} />
        <input name="password" type="password" placeholder={t("passwordHint")} aria-label={tAuth("password")} minLength={8} required className={INPUT} />
        <Button type="submit" variant="primary" className="justify-center">
          {t("add")}
        </Button>
      </form>
      <ConfirmDialog
        open={deleting !== null}
        title={t("deleteTitle", { name: deleting?.name ?? t("thisUser") })}
        description={t("deleteText")}
        confirmLabel={tCommon("delete")}
        onConfirm={() => {
          const user = deleting;
          setDeleting(null);
          if (user) void act(() => send(`/api/admin/users/${user.id}`, "DELETE"));
        }}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}

type Limits = UserRow["limits"];

function LimitsForm({ user, onSave }: { user: UserRow; onSave: (limits: Limits) => Promise<void> }) {
  const t = useTranslations("admin");
  const field = (name: keyof Limits, label: string, step = "1") => (
    <label className="flex items-center justify-between gap-2 text-xs">
      <span className="text-muted-foreground">{label}</span>
      <input name={name} type="number" min="0" step={step} defaultValue={user.limits[name] ?? ""} aria-label={t("limitFor", { label, name: user.name })} className="w-24 rounded-md border border-input bg-background px-2 py-1" />
    </label>
  );
  return (
    <form
      className="space-y-1"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const read = (name: keyof Limits) => {
          const value = String(form.get(name) ?? "").trim();
          return value === "" ? null : Number(value);
        };
        void onSave({
          requestsPerMinute: read("requestsPerMinute"),
          tokensPerDay: read("tokensPerDay"),
          usdPerDay: read("usdPerDay"),
          maxConcurrent: read("maxConcurrent"),
        });
      }}
    >
      {field("requestsPerMinute", t("perMinute"))}
      {field("tokensPerDay", t("perDay"))}
      {field("usdPerDay", t("usdPerDay"), "0.01")}
      {field("maxConcurrent", t("atOnce"))}
      <Button type="submit" size="sm" variant="outline">
        {t("saveLimits")}
      </Button>
    </form>
  );
}
