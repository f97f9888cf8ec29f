import { answerStreamResponse } from "@/lib/chat/answer-stream";
import { followConversation } from "@/lib/chat/registry";
import { clientIdSchema } from "@/lib/contract";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/**
 * Follows the answer still being generated in a conversation (after a reload, or from a second
 * tab, or on another instance of the app): what was streamed so far, then the rest live. 204 when nothing is running: the answer
 * has been saved by then, and the browser reads it from GET /api/conversations/[id]/messages.
 * What was streamed so far comes as one compacted snapshot (a handful of chunks, not a replay of
 * every token). 429 when the answer already has as many readers as it may (lib/chat/stream-hub.ts).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const conversationId = clientIdSchema.parse((await params).id);
    const { userId } = await requestContext();
    const stream = await followConversation({ userId, conversationId });
    if (!stream) return new Response(null, { status: 204 });
    return answerStreamResponse(stream);
  } catch (error) {
    return errorResponse(error);
  }
}
