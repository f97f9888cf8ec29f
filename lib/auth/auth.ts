import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins";
import { getDb } from "@/lib/db/client";
import { providerOf } from "@/lib/db/url";
import { databaseUrl, dataDir, env } from "@/lib/env";
import { adoptFirstAccount, signUpOpen } from "./accounts";
import { allowedHostPatterns } from "./hosts";
import { throttleKey } from "./login-throttle";
import { signInFailed, signInSucceeded, signInWait } from "./login-throttle-store";
import { authSecret } from "./secret";

/**
 * Accounts, through better-auth (email and password; sessions in the database; the admin plugin
 * for roles, disabling and removing users). One instance per process.
 */
function createAuth() {
  const settings = env();
  const url = databaseUrl(settings);
  const db = getDb(url);
  return betterAuth({
    appName: "V4 Chat",
    database: prismaAdapter(db, { provider: providerOf(url) === "postgresql" ? "postgresql" : "sqlite" }),
    secret: authSecret({ configured: settings.BETTER_AUTH_SECRET, dataDir: dataDir(settings) }),
    // The origin is the one the request came to, among the hosts the app answers to.
    baseURL: { allowedHosts: allowedHostPatterns(settings.ALLOWED_HOSTS), fallback: `http://127.0.0.1:${settings.PORT}` },
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 256, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    // A backstop per address; failed sign-ins are limited per account below. The error never
    // says whether the account exists.
    rateLimit: {
      enabled: true,
      storage: "memory",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: 60 },
        "/sign-up/email": { window: 60, max: 10 },
        "/change-password": { window: 60, max: 10 },
      },
    },
    plugins: [admin({ defaultRole: "user", adminRoles: ["admin"] }), nextCookies()],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-up/email" && !(await signUpOpen(db))) {
          throw new APIError("FORBIDDEN", { message: "Sign-up is closed. Ask the admin of this V4 Chat for an account." });
        }
        if (ctx.path === "/sign-in/email") {
          const wait = await signInWait(signInKey(ctx));
          if (wait > 0) {
            throw new APIError("TOO_MANY_REQUESTS", { message: `Too many failed attempts. Try again in ${wait} s.` });
          }
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        if (isAPIError(ctx.context.returned)) await signInFailed(signInKey(ctx));
        else await signInSucceeded(signInKey(ctx));
      }),
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            await adoptFirstAccount(db, user.id);
          },
        },
      },
    },
  });
}

/** Failed sign-ins are counted per account name and address. */
function signInKey(ctx: { body?: unknown; request?: Request }): string {
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  const address = ctx.request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
  return throttleKey(email, address);
}

type Auth = ReturnType<typeof createAuth>;
const key = Symbol.for("v4chat.auth");
const holder = globalThis as unknown as Record<symbol, Auth | undefined>;

export function auth(): Auth {
  return (holder[key] ??= createAuth());
}
