import "server-only";
import type { Db } from "@/lib/db/client";
import { createChatFromComparison, getComparison } from "@/lib/db/queries";
import { ChatError } from "@/lib/errors";
import { copyOf } from "./send";
import { comparisonTurns, laneHistory } from "./thread";

/**
 * "Continue with this answer": a new, normal chat holding the comparison's prompts and that
 * pane's answers (with their figures), which goes on like any chat. The comparison itself stays
 * as it is, every pane's answers kept, so its votes and figures still count on the results page.
 */
export async function continueWithPane({
  db,
  userId,
  comparisonId,
  lane,
  newConversationId,
}: {
  db: Db;
  userId: string;
  comparisonId: string;
  lane: number;
  newConversationId: string;
}): Promise<void> {
  const stored = await getComparison({ db, userId, id: comparisonId });
  if (!stored) throw new ChatError("not_found:conversation", "This comparison does not exist (or is not yours).");
  const pane = stored.setup.panes[lane];
  if (!pane) throw new ChatError("bad_request:chat", "This comparison does not have that pane.");
  const thread = laneHistory(comparisonTurns(stored.messages, stored.setup.panes.length), lane);
  if (thread.some((message) => message.status === "streaming")) {
    throw new ChatError("conflict:chat", "This pane is still writing its answer. Wait for it to finish, or stop it.");
  }
  // A chat alternates prompt and answer: a prompt this pane has no answer to ends the thread.
  const messages = thread.filter((message, index) => message.role === "assistant" || thread[index + 1]?.role === "assistant");
  if (messages.length === 0) throw new ChatError("bad_request:chat", "This pane has no answer to continue with yet.");
  const created = await createChatFromComparison({
    db,
    userId,
    comparisonId,
    lane,
    chat: { id: newConversationId, title: stored.conversation.title, model: pane.model, mode: pane.mode, messages: messages.map(copyOf) },
  });
  if (!created) throw new ChatError("not_found:conversation", "This comparison does not exist (or is not yours).");
}
