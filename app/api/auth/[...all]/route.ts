import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";

export const dynamic = "force-dynamic";

/** better-auth's endpoints: sign-up, sign-in, sign-out, change password, and the admin's user actions. */
const handler = (request: Request) => toNextJsHandler(auth()).POST(request);
export const POST = handler;
export const GET = (request: Request) => toNextJsHandler(auth()).GET(request);
