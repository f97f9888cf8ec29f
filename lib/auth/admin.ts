import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { deleteAccount } from "@/lib/db/users";
import { blobStore } from "@/lib/storage";
import type { BlobStore } from "@/lib/storage/blob-store";
import { ChatError } from "@/lib/errors";
import { auth } from "./auth";
import { startOfUtcDay, usageSince, type Usage } from "./limits";

/** What the admin edits on a user: null clears a limit back to the server's default. */
export const userUpdateSchema = z.object({
  disabled: z.boolean().optional(),
  limits: z
    .object({
      requestsPerMinute: z.number().int().min(0).max(100_000).nullable(),
      tokensPerDay: z.number().int().min(0).max(1_000_000_000_000).nullable(),
      usdPerDay: z.number().min(0).max(1_000_000).nullable(),
      maxConcurrent: z.number().int().min(0).max(1000).nullable(),
    })
    .partial()
    .optional(),
});

export const newUserSchema = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.email().max(254),
  password: z.string().min(8, "The password needs at least 8 characters").max(256),
});

export interface UserRow {
  id: string;
  name: string;
  email: string | null;
  role: string;
  disabled: boolean;
  createdAt: string;
  limits: { requestsPerMinute: number | null; tokensPerDay: number | null; usdPerDay: number | null; maxConcurrent: number | null };
  today: Usage;
}

/** Every account with its limits and today's usage (for the admin). */
export async function listUsers(db: Db, now = new Date()): Promise<UserRow[]> {
  const users = await db.user.findMany({ where: { email: { not: null } }, orderBy: { createdAt: "asc" } });
  const since = startOfUtcDay(now);
  return Promise.all(
    users.map(async (user) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role ?? "user",
      disabled: user.banned === true,
      createdAt: user.createdAt.toISOString(),
      limits: {
        requestsPerMinute: user.requestsPerMinute,
        tokensPerDay: user.tokensPerDay,
        usdPerDay: user.usdPerDay,
        maxConcurrent: user.maxConcurrent,
      },
      today: await usageSince(db, user.id, since),
    })),
  );
}

/** Disables (signs out everywhere) or enables a user, and sets their limits. Never the admin's own account. */
export async function updateUser(db: Db, { adminId, userId, update }: { adminId: string; userId: string; update: z.infer<typeof userUpdateSchema> }): Promise<boolean> {
  const user = await db.user.findFirst({ where: { id: userId, email: { not: null } }, select: { id: true } });
  if (!user) return false;
  if (update.disabled !== undefined) {
    if (userId === adminId) throw new ChatError("bad_request:auth", "You cannot disable your own account.");
    await db.user.update({ where: { id: userId }, data: { banned: update.disabled, banReason: update.disabled ? "Disabled by the admin" : null } });
    if (update.disabled) await db.session.deleteMany({ where: { userId } });
  }
  if (update.limits) await db.user.update({ where: { id: userId }, data: update.limits });
  return true;
}

/** Deletes a user and everything they own, their files included. Never the admin's own account. */
export async function deleteUser(db: Db, { adminId, userId, store = blobStore() }: { adminId: string; userId: string; store?: BlobStore }): Promise<boolean> {
  if (userId === adminId) throw new ChatError("bad_request:auth", "You cannot delete your own account.");
  return deleteAccount({ db, store, userId });
}

/** An account made by the admin (works while sign-up is closed). */
export async function createUser(db: Db, input: z.infer<typeof newUserSchema>): Promise<string> {
  const email = input.email.toLowerCase();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new ChatError("conflict:auth", "There is already an account with this email.");
  }
  const context = await auth().$context;
  const hash = await context.password.hash(input.password);
  const user = await context.internalAdapter.createUser({ name: input.name, email, emailVerified: false }, { method: "admin" });
  await context.internalAdapter.createAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
  return user.id;
}
