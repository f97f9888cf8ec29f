import { continueWithPane } from "@/lib/compare/continue";
import { announceChange } from "@/lib/events/changes";
import { pageIdOf } from "@/lib/events/page-id";
import { continueSchema } from "@/lib/compare/contract";
import { clientIdSchema } from "@/lib/contract";
import { requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** "Continue with this answer": a new chat from one pane's thread. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const comparisonId = clientIdSchema.parse((await params).id);
    const body = await readJson(request, continueSchema);
    const { db, userId } = await requestContext();
    await continueWithPane({ db, userId, comparisonId, lane: body.lane, newConversationId: body.conversationId });
    announceChange({ userId, page: pageIdOf(request) }, { type: "list" });
    return Response.json({ conversationId: body.conversationId });
  } catch (error) {
    return errorResponse(error);
  }
}
