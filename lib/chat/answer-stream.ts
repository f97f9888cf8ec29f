import "server-only";
import { UI_MESSAGE_STREAM_HEADERS } from "ai";
import { ANSWER_STREAM_HEADERS } from "@/lib/server/respond";

const encoder = new TextEncoder();

/**
 * The AI SDK's UI message stream as server-sent events (`data: {json}` per chunk, `data: [DONE]`
 * at the end), the wire format useChat reads. Encoded where a reader's queue takes the chunk
 * (lib/chat/stream-hub.ts), so the response needs no transform stages of its own: each one costs
 * a few promises and a copy per chunk, per reader.
 */
export const UI_MESSAGE_SSE = {
  chunk: (chunk: unknown): Uint8Array => encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`),
  end: encoder.encode("data: [DONE]\n\n"),
};

/** An answer's encoded stream as the HTTP response useChat expects. */
export function answerStreamResponse(body: ReadableStream<Uint8Array>): Response {
  return new Response(body, { headers: { ...UI_MESSAGE_STREAM_HEADERS, ...ANSWER_STREAM_HEADERS } });
}
