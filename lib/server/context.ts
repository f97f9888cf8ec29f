import "server-only";
import { backend } from "@/lib/ai/backend";
import { getDb, type Db } from "@/lib/db/client";
import { ensureLocalUser } from "@/lib/db/users";
import { databaseUrl } from "@/lib/env";

export interface RequestContext {
  db: Db;
  userId: string;
}

/**
 * Who is asking, and the database to answer from. Until accounts exist every request is the
 * local user's; the accounts issue replaces this one function.
 */
export async function requestContext(): Promise<RequestContext> {
  const db = getDb(databaseUrl());
  const user = await ensureLocalUser({ db });
  return { db, userId: user.id };
}

export { backend };
