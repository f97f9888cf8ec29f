import { z } from "zod";
import { conversationPath } from "@/lib/chat/conversation-view";
import { clientIdSchema } from "@/lib/contract";
import { ChatError } from "@/lib/errors";
import { revealMessage } from "@/lib/search/reveal";
import { requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

const revealSchema = z.object({ messageId: clientIdSchema });

/**
 * Puts a message on the conversation's path shown (selecting its version and its ancestors'),
 * so a search result found in an older version opens at that message. Answers the new path.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const conversationId = clientIdSchema.parse((await params).id);
    const { messageId } = await readJson(request, revealSchema);
    const { db, userId } = await requestContext();
    if (!(await revealMessage({ db, userId, conversationId, messageId }))) {
      throw new ChatError("not_found:chat", "That message does not exist in this conversation.");
    }
    return Response.json({ messages: await conversationPath({ db, userId, conversationId }) });
  } catch (error) {
    return errorResponse(error);
  }
}
