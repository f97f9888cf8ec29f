import { findConversationGenerations, findGeneration } from "@/lib/chat/registry";
import { stopSchema } from "@/lib/contract";
import { requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** Stops a running answer; what was streamed so far is kept and marked stopped. */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await readJson(request, stopSchema);
    const { userId } = await requestContext();
    const running =
      "messageId" in body
        ? [findGeneration({ userId, messageId: body.messageId })].filter((generation) => generation !== undefined)
        : findConversationGenerations({ userId, conversationId: body.conversationId });
    if (running.length === 0) return Response.json({ stopped: false });
    for (const generation of running) generation.stop();
    await Promise.all(running.map((generation) => generation.done));
    return Response.json({ stopped: true });
  } catch (error) {
    return errorResponse(error);
  }
}
