import { switchVersion } from "@/lib/chat/conversation-view";
import { announceChange } from "@/lib/events/changes";
import { pageIdOf } from "@/lib/events/page-id";
import { windowOfPath } from "@/lib/chat/path-window";
import { clientIdSchema, selectVersionSchema } from "@/lib/contract";
import { ChatError } from "@/lib/errors";
import { requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** Shows another version of a message (‹ 2 / 3 ›); the choice is stored. Answers the new path (from `from` on, when given). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const conversationId = clientIdSchema.parse((await params).id);
    const { messageId, version, from } = await readJson(request, selectVersionSchema);
    const { db, userId } = await requestContext();
    const messages = await switchVersion({ db, userId, conversationId, messageId, version });
    if (!messages) throw new ChatError("not_found:chat", "That version does not exist in this conversation.");
    announceChange({ userId, page: pageIdOf(request) }, { type: "conversation", conversationId });
    return Response.json(windowOfPath(messages, { from }));
  } catch (error) {
    return errorResponse(error);
  }
}
