import { startComparisonSchema } from "@/lib/compare/contract";
import { startComparisonTurn } from "@/lib/compare/send";
import { toComparisonView } from "@/lib/compare/view";
import { getComparison, listComparisons } from "@/lib/db/queries";
import { ChatError } from "@/lib/errors";
import { backend, requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** The user's comparisons, newest first. */
export async function GET(): Promise<Response> {
  try {
    const { db, userId } = await requestContext();
    const comparisons = await listComparisons({ db, userId });
    return Response.json({ comparisons: comparisons.map((item) => ({ ...item, updatedAt: item.updatedAt.toISOString() })) });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * Sends a prompt to every pane. The answers run on their own (each followed at
 * /api/compare/answers/[messageId]/stream); this answers at once with the comparison as saved,
 * its new answers marked streaming.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await readJson(request, startComparisonSchema);
    const { db, userId } = await requestContext();
    await startComparisonTurn({ db, userId, backend: backend(), request: body });
    const stored = await getComparison({ db, userId, id: body.conversationId });
    if (!stored) throw new ChatError("not_found:conversation", "This comparison does not exist (or is not yours).");
    return Response.json({ comparison: toComparisonView(stored) });
  } catch (error) {
    return errorResponse(error);
  }
}
