import { answerStreamResponse } from "@/lib/chat/answer-stream";
import { followAnswer } from "@/lib/chat/registry";
import { clientIdSchema } from "@/lib/contract";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/**
 * Follows one running answer by its id (a comparison's pane): what streamed so far, then the rest
 * live, from whichever instance runs it. 204 when it is not running: it has ended and been saved, and GET /api/compare/[id] has it.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ messageId: string }> }): Promise<Response> {
  try {
    const messageId = clientIdSchema.parse((await params).messageId);
    const { userId } = await requestContext();
    const stream = await followAnswer({ userId, messageId });
    if (!stream) return new Response(null, { status: 204 });
    return answerStreamResponse(stream);
  } catch (error) {
    return errorResponse(error);
  }
}
