import { createUIMessageStreamResponse } from "ai";
import { findConversationGenerations } from "@/lib/chat/registry";
import { clientIdSchema } from "@/lib/contract";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/**
 * Follows the answer still being generated in a conversation (after a reload, or from a second
 * tab): what was streamed so far, then the rest live. 204 when nothing is running: the answer
 * has been saved by then, and the browser reads it from GET /api/conversations/[id]/messages.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const conversationId = clientIdSchema.parse((await params).id);
    const { userId } = await requestContext();
    const [generation] = findConversationGenerations({ userId, conversationId });
    if (!generation) return new Response(null, { status: 204 });
    return createUIMessageStreamResponse({ stream: generation.stream() });
  } catch (error) {
    return errorResponse(error);
  }
}
