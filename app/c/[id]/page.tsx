import { notFound, redirect } from "next/navigation";
import { Workspace } from "@/components/chat/workspace";
import { toConversationSummary } from "@/lib/chat/conversation-summary";
import { toUIPath } from "@/lib/chat/history";
import { PATH_WINDOW, windowOfPath } from "@/lib/chat/path-window";
import { clientIdSchema } from "@/lib/contract";
import { getConversation, listConversations } from "@/lib/db/conversations";
import { listMessages } from "@/lib/db/messages";
import { backendInfo } from "@/lib/server/backend-info";
import { pageContext } from "@/lib/server/context";
import { listFolders } from "@/lib/workspace/folders";

export const dynamic = "force-dynamic";

export default async function ConversationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ m?: string | string[] }>;
}) {
  const parsed = clientIdSchema.safeParse((await params).id);
  // A search result opens the conversation at `?m=<messageId>`: the page must hold that message.
  const match = clientIdSchema.safeParse((await searchParams).m);
  if (!parsed.success) notFound();
  const context = await pageContext();
  const { db, userId } = context;
  const conversation = await getConversation({ db, userId, id: parsed.data });
  if (!conversation) notFound();
  if (conversation.kind === "comparison") redirect(`/compare/${conversation.id}`);
  const [conversations, folders, messages] = await Promise.all([
    listConversations({ db, userId }),
    listFolders({ db, userId }),
    listMessages({ db, userId, conversationId: conversation.id }),
  ]);
  const shown = windowOfPath(toUIPath(messages), { last: PATH_WINDOW, include: match.success ? match.data : undefined });
  return (
    <Workspace
      backend={backendInfo()}
      viewer={{ name: context.name, signedIn: context.signedIn, isAdmin: context.role === "admin" }}
      conversations={conversations.map(toConversationSummary)}
      folders={folders.map(({ id, name }) => ({ id, name }))}
      conversation={toConversationSummary(conversation)}
      initialMessages={shown.messages}
      initialEarlier={shown.earlier}
      newConversationId={conversation.id}
    />
  );
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const parsed = clientIdSchema.safeParse((await params).id);
  if (!parsed.success) return { title: "Not found · V4 Chat" };
  const { db, userId } = await pageContext();
  const conversation = await getConversation({ db, userId, id: parsed.data });
  return { title: conversation ? `${conversation.title} · V4 Chat` : "Not found · V4 Chat" };
}
