import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins";
import { getDb } from "@/lib/db/client";
import { databaseUrl, dataDir, env } from "@/lib/env";
import { adoptFirstAccount, signUpOpen } from "./accounts";
import { allowedHostPatterns } from "./hosts";
import { authSecret } from "./secret";

/**
 * Accounts, through better-auth (email and password; sessions in the database; the admin plugin
 * for roles, disabling and removing users). One instance per process.
 */
function createAuth() {
  const settings = env();
  const db = getDb(databaseUrl(settings));
  return betterAuth({
    appName: "V4 Chat",
    database: prismaAdapter(db, { provider: "sqlite" }),
    secret: authSecret({ configured: settings.BETTER_AUTH_SECRET, dataDir: dataDir(settings) }),
    // The origin is the one the request came to, among the hosts the app answers to.
    baseURL: { allowedHosts: allowedHostPatterns(settings.ALLOWED_HOSTS), fallback: `http://127.0.0.1:${settings.PORT}` },
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 256, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    // Login failures are limited per address; the error never says whether the account exists.
    rateLimit: {
      enabled: true,
      storage: "memory",
      window: 60,
      max: 120,
      customRules: {
        "/sign-in/email": { window: 60, max: 5 },
        "/sign-up/email": { window: 60, max: 5 },
        "/change-password": { window: 60, max: 5 },
      },
    },
    plugins: [admin({ defaultRole: "user", adminRoles: ["admin"] }), nextCookies()],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-up/email" && !(await signUpOpen(db))) {
          throw new APIError("FORBIDDEN", { message: "Sign-up is closed. Ask the admin of this V4 Chat for an account." });
        }
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

type Auth = ReturnType<typeof createAuth>;
const key = Symbol.for("v4chat.auth");
const holder = globalThis as unknown as Record<symbol, Auth | undefined>;

export function auth(): Auth {
  return (holder[key] ??= createAuth());
}
