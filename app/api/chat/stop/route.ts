import { z } from "zod";
import { findConversationGeneration, findGeneration } from "@/lib/chat/registry";
import { clientIdSchema } from "@/lib/chat/types";
import { requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

const stopSchema = z.object({ messageId: z.string().min(1).max(64) }).or(z.object({ conversationId: clientIdSchema }));

/** Stops a running answer; what was streamed so far is kept and marked stopped. */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await readJson(request, stopSchema);
    const { userId } = await requestContext();
    const generation =
      "messageId" in body
        ? findGeneration({ userId, messageId: body.messageId })
        : findConversationGeneration({ userId, conversationId: body.conversationId });
    if (!generation) return Response.json({ stopped: false });
    generation.stop();
    await generation.done;
    return Response.json({ stopped: true });
  } catch (error) {
    return errorResponse(error);
  }
}
