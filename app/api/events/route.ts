import { listenForChanges, listenerCount, type AnnouncedChange } from "@/lib/events/changes";
import { ChatError } from "@/lib/errors";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";
import { hintText } from "@/lib/error-hints";

export const dynamic = "force-dynamic";

/** Pages one person may hold open on this stream at once (each visible tab on each device holds one). */
const MAX_LISTENERS_PER_USER = 24;
/** A comment line this often keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;

/**
 * GET /api/events: the person's workspace changes as server-sent events, so a conversation open on
 * another device shows new turns, titles, renames and deletions live. Each event only names what
 * changed; the page reads it again through the usual owner-scoped routes. Another site cannot read
 * this stream (no CORS headers), and it carries no content.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const { userId } = await requestContext();
    if (listenerCount(userId) >= MAX_LISTENERS_PER_USER) {
      throw new ChatError("rate_limit:chat", "Too many pages are following your changes at once.", { hint: hintText("closeTabs"), retryAfterSeconds: 30 });
    }
    const encoder = new TextEncoder();
    let stop = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop();
          }
        };
        const unlisten = listenForChanges(userId, (change: AnnouncedChange) => send(`data: ${JSON.stringify(change)}\n\n`));
        const heartbeat = setInterval(() => send(": still here\n\n"), HEARTBEAT_MS);
        stop = () => {
          clearInterval(heartbeat);
          unlisten();
          try {
            controller.close();
          } catch {
            // already closed
          }
        };
        request.signal.addEventListener("abort", () => stop(), { once: true });
        // Tells the page the stream is open: whatever changed before is read on (re)connection.
        send(`retry: 5000\nevent: ready\ndata: {}\n\n`);
      },
      cancel() {
        stop();
      },
    });
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
