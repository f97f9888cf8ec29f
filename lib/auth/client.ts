"use client";

import { createAuthClient } from "better-auth/react";

/** better-auth in the browser: sign-in, sign-up, sign-out, change password (same origin). */
export const authClient = createAuthClient();
