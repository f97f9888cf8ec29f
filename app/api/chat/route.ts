import { createUIMessageStreamResponse } from "ai";
import { sendChatMessage } from "@/lib/chat/send";
import { chatRequestSchema } from "@/lib/contract";
import { backend, requestContext } from "@/lib/server/context";
import { ANSWER_STREAM_HEADERS, errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** Starts an answer and streams it. The generation outlives this request: only Stop ends it early. */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await readJson(request, chatRequestSchema);
    const { db, userId } = await requestContext();
    const generation = await sendChatMessage({ db, userId, backend: backend(), request: body });
    return createUIMessageStreamResponse({ stream: generation.stream(), headers: ANSWER_STREAM_HEADERS });
  } catch (error) {
    return errorResponse(error);
  }
}
