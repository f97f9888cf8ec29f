import { generateId } from "ai";
import Link from "next/link";
import { Workspace } from "@/components/chat/workspace";
import { toConversationSummary } from "@/lib/chat/conversation-summary";
import { listConversations } from "@/lib/db/conversations";
import { backendInfo } from "@/lib/server/backend-info";
import { optionalPageContext } from "@/lib/server/context";
import { listFolders } from "@/lib/workspace/folders";

export const metadata = { title: "Not found · V4 Chat" };

/**
 * A missing conversation (deleted, say, then reached with Back, or another person's): inside the
 * app's frame, so the sidebar with everything else stays in reach. Signed out, a plain page.
 */
export default async function NotFound() {
  const context = await optionalPageContext();
  if (!context) {
    return (
      <main className="flex h-dvh flex-col items-center justify-center gap-3 p-6 text-center">
        <h1 className="text-xl font-semibold">Conversation not found</h1>
        <Link href="/" className="rounded-lg bg-primary px-4 py-2 text-sm font-medium text-primary-foreground">
          Go to V4 Chat
        </Link>
      </main>
    );
  }
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
      notFound
    />
  );
}
