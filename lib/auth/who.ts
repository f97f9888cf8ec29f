import "server-only";
import { getSessionCookie } from "better-auth/cookies";
import type { Db } from "@/lib/db/client";
import { ensureLocalUser } from "@/lib/db/users";
import { env } from "@/lib/env";
import { accountsExist, firstAdminId } from "./accounts";
import { auth } from "./auth";
import { isLoopbackHost } from "@/lib/net/hosts";

export interface Asker {
  userId: string;
  /** "admin" may manage users and limits. */
  role: "admin" | "user";
  /** Signed in with an account (false for the local user before any account exists). */
  signedIn: boolean;
  name: string;
  email: string | null;
}

/**
 * Who is asking. A signed-in session wins. Without one: before any account exists, a person on
 * a loopback-only server is the local user, as before accounts; once one exists, sign-in is
 * required, unless LOOPBACK_WITHOUT_SIGN_IN=1 keeps loopback open (acting as the admin). A
 * server open to the network (HOST not loopback) always requires sign-in. Null: sign in first.
 */
export async function whoIsAsking(db: Db, headers: Headers): Promise<Asker | null> {
  // No session cookie, no session: better-auth's look-up (about 1.4 ms a request) is skipped.
  const session = getSessionCookie(headers) ? await auth().api.getSession({ headers }) : null;
  if (session && !session.user.banned) {
    return {
      userId: session.user.id,
      role: session.user.role === "admin" ? "admin" : "user",
      signedIn: true,
      name: session.user.name,
      email: session.user.email,
    };
  }
  const settings = env();
  if (!isLoopbackHost(settings.HOST)) return null;
  if (!(await hasAccounts(db))) {
    localUserId ??= ensureLocalUser({ db }).then(
      (user) => user.id,
      (error: unknown) => {
        localUserId = undefined; // try again on the next request
        throw error;
      },
    );
    return { userId: await localUserId, role: "admin", signedIn: false, name: "Local user", email: null };
  }
  if (settings.LOOPBACK_WITHOUT_SIGN_IN === "1") {
    const adminId = await firstAdminId(db);
    if (adminId) return { userId: adminId, role: "admin", signedIn: false, name: "Admin (loopback)", email: null };
  }
  return null;
}

// The local user never changes while the process runs: look it up once, not on every request.
let localUserId: Promise<string> | undefined;

// accountsExist remembers the answer (a "yes" for good); once accounts exist the local user is gone.
async function hasAccounts(db: Db): Promise<boolean> {
  const seen = await accountsExist(db);
  if (seen) localUserId = undefined;
  return seen;
}
