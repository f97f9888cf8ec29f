import { retryLaneSchema } from "@/lib/compare/contract";
import { retryPane } from "@/lib/compare/send";
import { toComparisonView } from "@/lib/compare/view";
import { clientIdSchema } from "@/lib/contract";
import { getComparison } from "@/lib/db/queries";
import { ChatError } from "@/lib/errors";
import { backend, requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** Asks one pane again (a new version of its answer); the other panes are left alone. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const conversationId = clientIdSchema.parse((await params).id);
    const body = await readJson(request, retryLaneSchema);
    const { db, userId } = await requestContext();
    const generation = await retryPane({ db, userId, backend: backend(), conversationId, ...body });
    const stored = await getComparison({ db, userId, id: conversationId });
    if (!stored) throw new ChatError("not_found:conversation", "This comparison does not exist (or is not yours).");
    return Response.json({ messageId: generation.messageId, comparison: toComparisonView(stored) });
  } catch (error) {
    return errorResponse(error);
  }
}
