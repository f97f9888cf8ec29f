import { voteSchema } from "@/lib/compare/contract";
import { clientIdSchema } from "@/lib/contract";
import { saveVote } from "@/lib/db/queries";
import { ChatError } from "@/lib/errors";
import { requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** Saves the vote on one prompt: the better pane, a tie, or both bad (a later vote replaces it). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const conversationId = clientIdSchema.parse((await params).id);
    const body = await readJson(request, voteSchema);
    const { db, userId } = await requestContext();
    const saved = await saveVote({ db, userId, conversationId, ...body });
    if (!saved) throw new ChatError("not_found:chat", "That prompt is not in this comparison.");
    return Response.json({ vote: { outcome: body.outcome, winnerLane: body.winnerLane } });
  } catch (error) {
    return errorResponse(error);
  }
}
