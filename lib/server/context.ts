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
  localUserId ??= ensureLocalUser({ db }).then(
    (user) => user.id,
    (error: unknown) => {
      localUserId = undefined; // try again on the next request
      throw error;
    },
  );
  return { db, userId: await localUserId };
}

// The local user never changes while the process runs: look it up once, not on every request.
let localUserId: Promise<string> | undefined;

export { backend };
