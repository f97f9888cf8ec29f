import { generateId } from "ai";
import { Workspace } from "@/components/chat/workspace";
import { toConversationSummary } from "@/lib/chat/conversation-summary";
import { listConversations } from "@/lib/db/conversations";
import { backendInfo } from "@/lib/server/backend-info";
import { pageContext } from "@/lib/server/context";

export const dynamic = "force-dynamic";

/** A new chat. The conversation is created when its first message is sent. */
export default async function NewChatPage() {
  const { db, userId } = await pageContext();
  const conversations = await listConversations({ db, userId });
  return (
    <Workspace
      backend={backendInfo()}
      conversations={conversations.map(toConversationSummary)}
      conversation={null}
      initialMessages={[]}
      newConversationId={generateId()}
    />
  );
}
