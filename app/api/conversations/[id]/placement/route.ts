import { toConversationSummary } from "@/lib/chat/conversation-summary";
import { announceChange } from "@/lib/events/changes";
import { pageIdOf } from "@/lib/events/page-id";
import { clientIdSchema } from "@/lib/contract";
import { ChatError } from "@/lib/errors";
import { requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";
import { placeConversation } from "@/lib/workspace/folders";
import { placementSchema } from "@/lib/workspace/schemas";

export const dynamic = "force-dynamic";

/** Pins or unpins a conversation and/or moves it into a folder (or out of any). */
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const id = clientIdSchema.parse((await params).id);
    const { pinned, folderId } = await readJson(request, placementSchema);
    const { db, userId } = await requestContext();
    const conversation = await placeConversation({ db, userId, id, pinned, folderId });
    if (!conversation) throw new ChatError("not_found:conversation", "This conversation or folder does not exist.");
    announceChange({ userId, page: pageIdOf(request) }, { type: "list" });
    return Response.json({ conversation: toConversationSummary(conversation) });
  } catch (error) {
    return errorResponse(error);
  }
}
