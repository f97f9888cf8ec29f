import "server-only";
import { z } from "zod";
import { NotFoundError } from "@/lib/db/types";
import { env } from "@/lib/env";
import { ChatError } from "@/lib/errors";
import { readJsonBody } from "./request-body";

/** Turns anything a route throws into a JSON error the browser can show. Database details are logged, not shown. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ChatError) return error.toResponse();
  if (error instanceof NotFoundError) return new ChatError("not_found:conversation", "Not found.").toResponse();
  if (error instanceof z.ZodError) {
    const first = error.issues[0];
    const message = first ? `${first.path.join(".") || "request"}: ${first.message}` : "Invalid request.";
    return new ChatError("bad_request:chat", message).toResponse();
  }
  console.error(error);
  return new ChatError("internal:database", "Something went wrong on the server. Try again.").toResponse();
}

/**
 * Reads and validates a JSON body, at most MAX_REQUEST_BYTES of it (413 beyond). Content type,
 * origin and host were checked by proxy.ts before the route ran.
 */
export async function readJson<T>(request: Request, schema: z.ZodType<T>, limit: number = env().MAX_REQUEST_BYTES): Promise<T> {
  return schema.parse(await readJsonBody(request, limit));
}

/**
 * Headers for answer streams. `no-transform` tells Next.js's compression (and any proxy) to pass
 * the events through as they are: gzip flushed after every small event cost about an eighth of
 * the server's CPU per chat and saves next to nothing on a stream of tiny deltas.
 */
export const ANSWER_STREAM_HEADERS = { "cache-control": "no-cache, no-transform" } as const;
