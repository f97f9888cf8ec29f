/**
 * Reads a request body as a stream, never more than a byte limit: a declared Content-Length over
 * it is refused before reading, and a body without one (sent in chunks) is cut off as soon as it
 * passes the limit. Every failure is a 4xx ChatError with a message.
 */
import { ChatError } from "@/lib/errors";
import { checkContentLength, tooLarge } from "./request-guard";

/** The body's bytes, or a 413 once they pass `limit`. */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = checkContentLength(request.headers.get("content-length"), limit);
  if (declared) throw declared;
  if (!request.body) return new Uint8Array(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        void reader.cancel().catch(() => {});
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ChatError) throw error;
    throw new ChatError("bad_request:request", "The request body could not be read (the connection broke off).");
  }

  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body parsed as JSON (UTF-8), within `limit` bytes. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const bytes = await readBodyBytes(request, limit);
  if (bytes.byteLength === 0) throw new ChatError("bad_request:chat", "The request body is empty: send JSON.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ChatError("bad_request:chat", "The request body is not valid UTF-8 text.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ChatError("bad_request:chat", "The request body is not valid JSON.");
  }
}
