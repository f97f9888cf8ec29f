import { listConversations } from "@/lib/db/conversations";
import { toConversationSummary } from "@/lib/chat/conversation-summary";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const { db, userId } = await requestContext();
    const conversations = await listConversations({ db, userId });
    return Response.json({ conversations: conversations.map(toConversationSummary) });
  } catch (error) {
    return errorResponse(error);
  }
}
