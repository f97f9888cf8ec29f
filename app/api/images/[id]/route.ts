import { clientIdSchema } from "@/lib/contract";
import { ChatError } from "@/lib/errors";
import { readImage } from "@/lib/images/service";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";
import { blobStore } from "@/lib/storage";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** The image's bytes, for its owner only. Stored types are checked image types, so the browser shows, never runs, them. */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  try {
    const id = clientIdSchema.parse((await params).id);
    const { db, userId } = await requestContext();
    const found = await readImage({ db, store: blobStore(), userId, id });
    if (!found) throw new ChatError("not_found:image", "This image does not exist (or is not yours).");
    return new Response(Buffer.from(found.bytes), {
      headers: {
        "content-type": found.row.mediaType,
        "content-length": String(found.bytes.byteLength),
        "x-content-type-options": "nosniff",
        "content-disposition": "inline",
        // Stored bytes never change under an id: the browser may keep them, for this person only.
        "cache-control": "private, max-age=31536000, immutable",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
