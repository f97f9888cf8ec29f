import { clientIdSchema } from "@/lib/contract";
import { deleteDocument } from "@/lib/documents/service";
import { getDocument, toDocumentInfo } from "@/lib/documents/store";
import { ChatError } from "@/lib/errors";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";
import { blobStore } from "@/lib/storage";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

const missing = () => new ChatError("not_found:document", "This document does not exist (or is not yours).");

/** The document's figures and its extracted text (for the preview). */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  try {
    const id = clientIdSchema.parse((await params).id);
    const { db, userId } = await requestContext();
    const row = await getDocument({ db, userId, id });
    if (!row) throw missing();
    return Response.json({ document: toDocumentInfo(row), text: row.text, encoding: row.encoding });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Deletes the document with its text and original file. */
export async function DELETE(_request: Request, { params }: Params): Promise<Response> {
  try {
    const id = clientIdSchema.parse((await params).id);
    const { db, userId } = await requestContext();
    if (!(await deleteDocument({ db, store: blobStore(), userId, id }))) throw missing();
    return Response.json({ deleted: true });
  } catch (error) {
    return errorResponse(error);
  }
}
