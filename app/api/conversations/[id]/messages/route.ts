import { z } from "zod";
import { conversationPath } from "@/lib/chat/conversation-view";
import { windowOfPath } from "@/lib/chat/path-window";
import { clientIdSchema } from "@/lib/contract";
import { ChatError } from "@/lib/errors";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

const lastSchema = z.coerce.number().int().min(1).max(100_000).optional();

/**
 * The conversation's selected path, as the chat shows it (after an answer ends, or a follow
 * finds nothing running). `?last=N`: only its last N messages (from a prompt on), and how many
 * come `earlier`; a long chat reads its earlier turns when the person asks for them.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const conversationId = clientIdSchema.parse((await params).id);
    const last = lastSchema.parse(new URL(request.url).searchParams.get("last") ?? undefined);
    const { db, userId } = await requestContext();
    const path = await conversationPath({ db, userId, conversationId });
    if (!path) throw new ChatError("not_found:conversation", "This conversation does not exist.");
    return Response.json(windowOfPath(path, { last }));
  } catch (error) {
    return errorResponse(error);
  }
}
