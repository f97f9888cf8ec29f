import { stopAnswers } from "@/lib/chat/registry";
import { stopSchema } from "@/lib/contract";
import { requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** Stops a running answer, on whichever instance runs it; what was streamed so far is kept and marked stopped. */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await readJson(request, stopSchema);
    const { userId } = await requestContext();
    const stopped = await stopAnswers("messageId" in body ? { userId, messageId: body.messageId } : { userId, conversationId: body.conversationId });
    return Response.json({ stopped: stopped > 0 });
  } catch (error) {
    return errorResponse(error);
  }
}
