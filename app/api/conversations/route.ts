import { listConversations } from "@/lib/db/conversations";
import { toConversationSummary } from "@/lib/chat/conversation-summary";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";
import { listFolders } from "@/lib/workspace/folders";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const { db, userId } = await requestContext();
    const [conversations, folders] = await Promise.all([listConversations({ db, userId }), listFolders({ db, userId })]);
    return Response.json({
      conversations: conversations.map(toConversationSummary),
      folders: folders.map(({ id, name }) => ({ id, name })),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
