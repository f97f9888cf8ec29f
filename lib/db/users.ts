import type { User } from "./generated/client";
import type { Db } from "./client";
import { isUniqueViolation } from "./prisma-errors";

/** Id of the single user that owns everything until accounts exist. */
export const LOCAL_USER_ID = "local";
export const LOCAL_USER_NAME = "Local user";

/**
 * The local user, created on first call. Idempotent and safe when several callers race: the id
 * is fixed, and a losing concurrent insert falls back to reading the winner's row.
 */
export async function ensureLocalUser({ db }: { db: Db }): Promise<User> {
  try {
    return await db.user.upsert({
      where: { id: LOCAL_USER_ID },
      create: { id: LOCAL_USER_ID, name: LOCAL_USER_NAME },
      update: {},
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db.user.findUniqueOrThrow({ where: { id: LOCAL_USER_ID } });
  }
}
