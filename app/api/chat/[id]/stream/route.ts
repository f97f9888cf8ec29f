import { createUIMessageStreamResponse } from "ai";
import { findConversationGeneration } from "@/lib/chat/registry";
import { clientIdSchema } from "@/lib/chat/types";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/**
 * Follows the answer still being generated in a conversation (after a reload, or from a second
 * tab): what was streamed so far, then the rest live. 204 when nothing is running.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const conversationId = clientIdSchema.parse((await params).id);
    const { userId } = await requestContext();
    const generation = findConversationGeneration({ userId, conversationId });
    if (!generation) return new Response(null, { status: 204 });
    return createUIMessageStreamResponse({ stream: generation.stream() });
  } catch (error) {
    return errorResponse(error);
  }
}
