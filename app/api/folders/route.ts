import { ChatError } from "@/lib/errors";
import { announceChange } from "@/lib/events/changes";
import { pageIdOf } from "@/lib/events/page-id";
import { requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";
import { createFolder, listFolders, MAX_FOLDERS } from "@/lib/workspace/folders";
import { folderNameSchema } from "@/lib/workspace/schemas";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const { db, userId } = await requestContext();
    const folders = await listFolders({ db, userId });
    return Response.json({ folders: folders.map(({ id, name }) => ({ id, name })) });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request): Promise<Response> {
  try {
    const { name } = await readJson(request, folderNameSchema);
    const { db, userId } = await requestContext();
    const folder = await createFolder({ db, userId, name });
    if (!folder) throw new ChatError("conflict:conversation", `You have ${MAX_FOLDERS} folders, the most there can be. Delete one first.`);
    announceChange({ userId, page: pageIdOf(request) }, { type: "list" });
    return Response.json({ folder: { id: folder.id, name: folder.name } }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
