import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";
import { ChatError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * better-auth answers an address it does not know with an empty 404: give it the app's JSON error
 * shape, like every other /api address. Its other answers (errors as {code, message}, which its
 * client reads) pass through unchanged.
 */
function withJsonNotFound(response: Response): Response {
  if (response.status !== 404 || response.headers.get("content-type")?.includes("json")) return response;
  return new ChatError("not_found:auth", "There is no such account endpoint.").toResponse();
}

/** better-auth's endpoints: sign-up, sign-in, sign-out, change password, and the admin's user actions. */
const handler = async (request: Request) => withJsonNotFound(await toNextJsHandler(auth()).POST(request));
export const POST = handler;
export const GET = async (request: Request) => withJsonNotFound(await toNextJsHandler(auth()).GET(request));
