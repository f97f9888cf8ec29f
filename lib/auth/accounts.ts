// Server-wide account state: whether any account exists yet, whether others may sign up, and
// the first account taking over the local user's data. Owner-scoped queries live in lib/db.
import type { Db } from "@/lib/db/client";
import { LOCAL_USER_ID } from "@/lib/db/users";

const SIGN_UP_KEY = "signUpOpen";

/**
 * True once someone has created an account (the local user has no email and does not count).
 * Asked on every request before any account exists, so a "no" is remembered for a second: an
 * account made by this process forgets it at once (adoptFirstAccount), one made through another
 * instance is seen within that second. A "yes" is final: the last admin cannot be removed.
 */
export async function accountsExist(db: Db): Promise<boolean> {
  const known = accountChecks.get(db);
  if (known?.seen) return true;
  if (known && performance.now() - known.noneAt < NO_ACCOUNTS_TTL_MS) return false;
  const seen = (await db.user.count({ where: { email: { not: null } } })) > 0;
  accountChecks.set(db, { seen, noneAt: performance.now() });
  return seen;
}

const NO_ACCOUNTS_TTL_MS = 1000;
/** Per database client (tests use several in one process). */
const accountChecks = new WeakMap<Db, { seen: boolean; noneAt: number }>();

/** Forgets the remembered answer (an account was just made). */
export function forgetAccountsCheck(db: Db): void {
  accountChecks.delete(db);
}

export async function signUpOpen(db: Db): Promise<boolean> {
  if (!(await accountsExist(db))) return true;
  const row = await db.setting.findUnique({ where: { key: SIGN_UP_KEY } });
  return row?.value === "true";
}

export async function setSignUpOpen(db: Db, open: boolean): Promise<void> {
  const value = String(open);
  await db.setting.upsert({ where: { key: SIGN_UP_KEY }, create: { key: SIGN_UP_KEY, value }, update: { value } });
}

/**
 * After an account is created: the first one becomes the admin and takes over everything the
 * local user owned (conversations and attachments), with nothing lost; the local user goes.
 */
export async function adoptFirstAccount(db: Db, userId: string): Promise<boolean> {
  forgetAccountsCheck(db);
  return db.$transaction(async (tx) => {
    const accounts = await tx.user.count({ where: { email: { not: null } } });
    const admins = await tx.user.count({ where: { role: "admin" } });
    if (accounts !== 1 || admins > 0) return false;
    await tx.user.update({ where: { id: userId }, data: { role: "admin" } });
    await tx.conversation.updateMany({ where: { userId: LOCAL_USER_ID }, data: { userId } });
    await tx.attachment.updateMany({ where: { userId: LOCAL_USER_ID }, data: { userId } });
    await tx.user.deleteMany({ where: { id: LOCAL_USER_ID } });
    return true;
  });
}

/** The admin who acts for loopback requests when LOOPBACK_WITHOUT_SIGN_IN=1. */
export async function firstAdminId(db: Db): Promise<string | null> {
  const admin = await db.user.findFirst({ where: { role: "admin", banned: { not: true } }, orderBy: { createdAt: "asc" }, select: { id: true } });
  return admin?.id ?? null;
}
