import { FILE_NAME_HEADER, type UploadEvent } from "@/lib/documents/contract";
import { DocumentError, toChatError } from "@/lib/documents/errors";
import { uploadDocument, uploadScannedPages } from "@/lib/documents/service";
import { listDocuments } from "@/lib/documents/store";
import { env } from "@/lib/env";
import { ChatError } from "@/lib/errors";
import { requestContext } from "@/lib/server/context";
import { readBodyBytes } from "@/lib/server/request-body";
import { formatBytes } from "@/lib/server/request-guard";
import { errorResponse } from "@/lib/server/respond";
import { blobStore } from "@/lib/storage";

export const dynamic = "force-dynamic";

/** The person's documents, newest first (no text: the preview fetches it per document). */
export async function GET(): Promise<Response> {
  try {
    const { db, userId } = await requestContext();
    return Response.json({ documents: await listDocuments({ db, userId }), maxBytes: env().DOCUMENT_MAX_BYTES, windowTokens: env().DOCUMENT_WINDOW_TOKENS ?? null });
  } catch (error) {
    return errorResponse(error);
  }
}

function fileName(request: Request): string {
  const raw = request.headers.get(FILE_NAME_HEADER);
  if (!raw) throw new ChatError("bad_request:document", `Name the file in the ${FILE_NAME_HEADER} header (percent-encoded).`);
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ChatError("bad_request:document", `The ${FILE_NAME_HEADER} header is not valid percent-encoding.`);
  }
}

function asChatError(error: unknown): unknown {
  return error instanceof DocumentError ? toChatError(error.problem, error.message) : error;
}

/**
 * Uploads one document: the body is the file's bytes (application/octet-stream, checked with
 * its size by proxy.ts). With `?progress=1` the answer is a stream of NDJSON events (pages read,
 * tokens counted, then the document or the error); otherwise one JSON answer with its status.
 * With `?scanned=images` (the chat's composer) a PDF without a text layer is not refused: its
 * pages are drawn and stored as images for Flash's vision (a `scanned` event or answer).
 */
export async function POST(request: Request): Promise<Response> {
  let name: string;
  let bytes: Uint8Array;
  let context: Awaited<ReturnType<typeof requestContext>>;
  const maxBytes = env().DOCUMENT_MAX_BYTES;
  try {
    name = fileName(request);
    context = await requestContext();
    bytes = await readBodyBytes(request, maxBytes).catch((error: unknown) => {
      throw error instanceof ChatError && error.type === "payload_too_large"
        ? new DocumentError("too_large", `“${name}” is too large: documents can be at most ${formatBytes(maxBytes)} (DOCUMENT_MAX_BYTES).`)
        : error;
    });
  } catch (error) {
    return errorResponse(asChatError(error));
  }
  const { db, userId } = context;
  const scannedAsImages = new URL(request.url).searchParams.get("scanned") === "images";
  const upload = async (onProgress?: Parameters<typeof uploadDocument>[0]["onProgress"]) => {
    const input = { db, store: blobStore(), userId, name, bytes, onProgress, signal: request.signal };
    try {
      return await uploadDocument({ ...input, maxBytes });
    } catch (error) {
      if (!(scannedAsImages && error instanceof DocumentError && error.problem === "no_text_layer")) throw error;
      return { scanned: await uploadScannedPages(input) };
    }
  };

  if (new URL(request.url).searchParams.get("progress") !== "1") {
    try {
      const result = await upload();
      return Response.json(result, { status: "duplicate" in result && result.duplicate ? 200 : 201 });
    } catch (error) {
      return errorResponse(asChatError(error));
    }
  }

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: UploadEvent) => {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        } catch {
          // The reader went away; the upload finishes (or fails) all the same.
        }
      };
      try {
        const result = await upload((event) => send({ type: "progress", ...event }));
        send("scanned" in result ? { type: "scanned", scanned: result.scanned } : { type: "done", ...result });
      } catch (error) {
        const refusal = asChatError(error);
        const chat = refusal instanceof ChatError ? refusal : null;
        if (!chat) console.error("[documents] upload failed", error);
        send({ type: "error", error: { code: chat?.code ?? "internal:document", message: chat?.message ?? "The document could not be saved. Try again." } });
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
