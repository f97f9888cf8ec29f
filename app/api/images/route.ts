import { FILE_NAME_HEADER } from "@/lib/documents/contract";
import { ChatError } from "@/lib/errors";
import { MAX_IMAGE_BYTES } from "@/lib/images/formats";
import { uploadImage } from "@/lib/images/service";
import { requestContext } from "@/lib/server/context";
import { readBodyBytes } from "@/lib/server/request-body";
import { formatBytes } from "@/lib/server/request-guard";
import { errorResponse } from "@/lib/server/respond";
import { blobStore } from "@/lib/storage";

export const dynamic = "force-dynamic";

function fileName(request: Request): string {
  const raw = request.headers.get(FILE_NAME_HEADER);
  if (!raw) return "pasted image";
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ChatError("bad_request:image", `The ${FILE_NAME_HEADER} header is not valid percent-encoding.`);
  }
}

/**
 * Uploads one image: the body is its bytes (application/octet-stream; the chat page has already
 * downscaled it). Type, size and pixels are checked from the bytes before anything is stored.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const name = fileName(request);
    const { db, userId } = await requestContext();
    const bytes = await readBodyBytes(request, MAX_IMAGE_BYTES).catch((error: unknown) => {
      throw error instanceof ChatError && error.type === "payload_too_large"
        ? new ChatError("payload_too_large:image", `“${name}” is too large: images can be at most ${formatBytes(MAX_IMAGE_BYTES)}.`, {
            words: { key: "imageTooLargeSent", values: { name, max: formatBytes(MAX_IMAGE_BYTES) } },
          })
        : error;
    });
    const image = await uploadImage({ db, store: blobStore(), userId, name, bytes });
    return Response.json({ image }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
