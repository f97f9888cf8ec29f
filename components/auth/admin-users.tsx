"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { UserRow } from "@/lib/auth/admin";
import { formatTokens, formatUsd } from "@/lib/usage/format";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { INPUT } from "./account-actions";

async function send(url: string, method: string, body?: unknown): Promise<string | null> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.ok) return null;
  const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return payload?.error?.message ?? `The server answered ${response.status}.`;
}

/** The admin's view of the users: sign-up switch, add a user, disable, delete, limits. */
export function AdminUsers({ users, adminId, signUpOpen }: { users: UserRow[]; adminId: string; signUpOpen: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<UserRow | null>(null);
  const act = async (run: () => Promise<string | null>) => {
    setError(await run());
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
        Anyone who can reach this server may create an account
      </label>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="users-table">
          <thead className="text-xs text-muted-foreground">
            <tr>
              <th className="py-2 pr-3 font-medium">User</th>
              <th className="py-2 pr-3 font-medium">Today</th>
              <th className="py-2 pr-3 font-medium">Limits (empty: server default)</th>
              <th className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} className="border-t border-border align-top" data-testid="user-row" data-email={user.email ?? ""}>
                <td className="py-3 pr-3">
                  <div className="font-medium">{user.name}</div>
                  <div className="text-xs text-muted-foreground">
                    {user.email} · {user.role}
                    {user.disabled && <span className="ml-1 text-danger">· disabled</span>}
                  </div>
                </td>
                <td className="py-3 pr-3 text-xs whitespace-nowrap tabular-nums">
                  {user.today.requests} {user.today.requests === 1 ? "answer" : "answers"}
                  <br />
                  {formatTokens(user.today.inputTokens + user.today.outputTokens)} tokens · {formatUsd(user.today.costUsd)}
                </td>
                <td className="py-3 pr-3">
                  <LimitsForm user={user} onSave={(limits) => act(() => send(`/api/admin/users/${user.id}`, "PATCH", { limits }))} />
                </td>
                <td className="space-y-1 py-3 text-right">
                  {user.id !== adminId && (
                    <>
                      <Button size="sm" variant="outline" onClick={() => void act(() => send(`/api/admin/users/${user.id}`, "PATCH", { disabled: !user.disabled }))}>
                        {user.disabled ? "Enable" : "Disable"}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setDeleting(user)}>
                        Delete
                      </Button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form onSubmit={addUser} className="grid gap-2 sm:grid-cols-4" aria-label="Add a user">
        <input name="name" placeholder="Name" aria-label="Name" required className={INPUT} />
        <input name="email" type="email" placeholder="Email" aria-label="Email" required className={INPUT} />
        <input name="password" type="password" placeholder="Password (8+)" aria-label="Password" minLength={8} required className={INPUT} />
        <Button type="submit" variant="primary" className="justify-center">
          Add user
        </Button>
      </form>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? "this user"}?`}
        description="Their account, conversations and files are deleted for good."
        confirmLabel="Delete"
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
  const field = (name: keyof Limits, label: string, step = "1") => (
    <label className="flex items-center justify-between gap-2 text-xs">
      <span className="text-muted-foreground">{label}</span>
      <input name={name} type="number" min="0" step={step} defaultValue={user.limits[name] ?? ""} aria-label={`${label} for ${user.name}`} className="w-24 rounded-md border border-input bg-background px-2 py-1" />
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
      {field("requestsPerMinute", "Answers / min")}
      {field("tokensPerDay", "Tokens / day")}
      {field("usdPerDay", "USD / day", "0.01")}
      {field("maxConcurrent", "At once")}
      <Button type="submit" size="sm" variant="outline">
        Save limits
      </Button>
    </form>
  );
}
