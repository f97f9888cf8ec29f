import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { backend } from "@/lib/ai/backend";
import { accountsExist } from "@/lib/auth/accounts";
import { whoIsAsking, type Asker } from "@/lib/auth/who";
import { getDb, type Db } from "@/lib/db/client";
import { databaseUrl } from "@/lib/env";
import { ChatError } from "@/lib/errors";
import { hintText } from "@/lib/error-hints";

export interface RequestContext extends Asker {
  db: Db;
}

/**
 * Who is asking, and the database to answer from: the one place that turns a request into a
 * user (routes never read cookies themselves). Throws a 401 when sign-in is required.
 */
export async function requestContext(): Promise<RequestContext> {
  const db = getDb(databaseUrl());
  const asker = await whoIsAsking(db, await headers());
  if (!asker) throw new ChatError("unauthorized:auth", "Sign in to use V4 Chat.", { hint: hintText("signIn") });
  return { db, ...asker };
}

/** For pages: the same, but someone who must sign in first is sent to the sign-in (or first sign-up) page. */
export async function pageContext(): Promise<RequestContext> {
  const db = getDb(databaseUrl());
  const asker = await whoIsAsking(db, await headers());
  if (!asker) redirect((await accountsExist(db)) ? "/sign-in" : "/sign-up");
  return { db, ...asker };
}

/** For pages that also show to someone signed out (the not-found page): null instead of a redirect. */
export async function optionalPageContext(): Promise<RequestContext | null> {
  const db = getDb(databaseUrl());
  const asker = await whoIsAsking(db, await headers());
  return asker ? { db, ...asker } : null;
}

/** For admin routes: a 403 unless the asker is an admin. */
export async function adminContext(): Promise<RequestContext> {
  const context = await requestContext();
  if (context.role !== "admin") throw new ChatError("forbidden:auth", "Only the admin can do this.");
  return context;
}

export { backend };
