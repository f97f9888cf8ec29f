import { generateId } from "ai";
import { Workspace } from "@/components/chat/workspace";
import { toConversationSummary } from "@/lib/chat/conversation-summary";
import { listConversations } from "@/lib/db/conversations";
import { backendInfo } from "@/lib/server/backend-info";
import { pageContext } from "@/lib/server/context";
import { listFolders } from "@/lib/workspace/folders";

export const dynamic = "force-dynamic";

/** A new chat. The conversation is created when its first message is sent. */
export default async function NewChatPage() {
  const context = await pageContext();
  const { db, userId } = context;
  const [conversations, folders] = await Promise.all([listConversations({ db, userId }), listFolders({ db, userId })]);
  return (
    <Workspace
      backend={backendInfo()}
      viewer={{ name: context.name, signedIn: context.signedIn, isAdmin: context.role === "admin" }}
      conversations={conversations.map(toConversationSummary)}
      folders={folders.map(({ id, name }) => ({ id, name }))}
      conversation={null}
      initialMessages={[]}
      newConversationId={generateId()}
    />
  );
}
