import { conversationPath } from "@/lib/chat/conversation-view";
import { clientIdSchema } from "@/lib/contract";
import { ChatError } from "@/lib/errors";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** The conversation's selected path, as the chat shows it (after an answer ends, or a follow finds nothing running). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const conversationId = clientIdSchema.parse((await params).id);
    const { db, userId } = await requestContext();
    const messages = await conversationPath({ db, userId, conversationId });
    if (!messages) throw new ChatError("not_found:conversation", "This conversation does not exist.");
    return Response.json({ messages });
  } catch (error) {
    return errorResponse(error);
  }
}
