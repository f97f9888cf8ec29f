import { answerStreamResponse } from "@/lib/chat/answer-stream";
import { sendChatMessage } from "@/lib/chat/send";
import { chatRequestSchema } from "@/lib/contract";
import { pageIdOf } from "@/lib/events/page-id";
import { backend, requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** Starts an answer and streams it. The generation outlives this request: only Stop ends it early. */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await readJson(request, chatRequestSchema);
    const { db, userId } = await requestContext();
    const generation = await sendChatMessage({ db, userId, backend: backend(), request: body, page: pageIdOf(request) });
    return answerStreamResponse(generation.sseStream());
  } catch (error) {
    return errorResponse(error);
  }
}
