import { toComparisonView } from "@/lib/compare/view";
import { clientIdSchema } from "@/lib/contract";
import { getComparison } from "@/lib/db/queries";
import { ChatError } from "@/lib/errors";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** A comparison as saved: panes, prompts, every pane's answer with its figures, and the votes. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const id = clientIdSchema.parse((await params).id);
    const { db, userId } = await requestContext();
    const stored = await getComparison({ db, userId, id });
    if (!stored) throw new ChatError("not_found:conversation", "This comparison does not exist (or is not yours).");
    return Response.json({ comparison: toComparisonView(stored) });
  } catch (error) {
    return errorResponse(error);
  }
}
