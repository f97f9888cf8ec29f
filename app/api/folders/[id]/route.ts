import { clientIdSchema } from "@/lib/contract";
import { announceChange } from "@/lib/events/changes";
import { pageIdOf } from "@/lib/events/page-id";
import { ChatError } from "@/lib/errors";
import { requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";
import { deleteFolder, renameFolder } from "@/lib/workspace/folders";
import { folderNameSchema } from "@/lib/workspace/schemas";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

const notFound = () => new ChatError("not_found:conversation", "This folder does not exist.");

export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  try {
    const id = clientIdSchema.parse((await params).id);
    const { name } = await readJson(request, folderNameSchema);
    const { db, userId } = await requestContext();
    const folder = await renameFolder({ db, userId, id, name });
    if (!folder) throw notFound();
    announceChange({ userId, page: pageIdOf(request) }, { type: "list" });
    return Response.json({ folder: { id: folder.id, name: folder.name } });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Deletes the folder; the conversations in it are kept (they leave the folder). */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  try {
    const id = clientIdSchema.parse((await params).id);
    const { db, userId } = await requestContext();
    if (!(await deleteFolder({ db, userId, id }))) throw notFound();
    announceChange({ userId, page: pageIdOf(request) }, { type: "list" });
    return Response.json({ deleted: true });
  } catch (error) {
    return errorResponse(error);
  }
}
