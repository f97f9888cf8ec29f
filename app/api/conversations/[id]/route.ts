import { removeConversation } from "@/lib/chat/conversation-view";
import { announceChange } from "@/lib/events/changes";
import { pageIdOf } from "@/lib/events/page-id";
import { toConversationSummary } from "@/lib/chat/conversation-summary";
import { clientIdSchema, renameSchema } from "@/lib/contract";
import { renameConversation } from "@/lib/db/conversations";
import { ChatError } from "@/lib/errors";
import { requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  try {
    const id = clientIdSchema.parse((await params).id);
    const { title } = await readJson(request, renameSchema);
    const { db, userId } = await requestContext();
    const conversation = await renameConversation({ db, userId, id, title });
    if (!conversation) throw new ChatError("not_found:conversation", "This conversation does not exist.");
    announceChange({ userId, page: pageIdOf(request) }, { type: "list" });
    return Response.json({ conversation: toConversationSummary(conversation) });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  try {
    const id = clientIdSchema.parse((await params).id);
    const { db, userId } = await requestContext();
    const deleted = await removeConversation({ db, userId, conversationId: id });
    if (!deleted) throw new ChatError("not_found:conversation", "This conversation does not exist.");
    announceChange({ userId, page: pageIdOf(request) }, { type: "list" }, { type: "conversation", conversationId: id });
    return Response.json({ deleted: true });
  } catch (error) {
    return errorResponse(error);
  }
}
