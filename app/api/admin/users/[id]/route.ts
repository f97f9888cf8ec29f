import { z } from "zod";
import { deleteUser, updateUser, userUpdateSchema } from "@/lib/auth/admin";
import { ChatError } from "@/lib/errors";
import { adminContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };
const idSchema = z.string().min(1).max(64);

/** Disable or enable a user, or set their limits. Admin only. */
export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  try {
    const userId = idSchema.parse((await params).id);
    const { db, userId: adminId } = await adminContext();
    const update = await readJson(request, userUpdateSchema);
    if (!(await updateUser(db, { adminId, userId, update }))) throw new ChatError("not_found:auth", "No such user.");
    return Response.json({ updated: true });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Delete a user and everything they own. Admin only. */
export async function DELETE(_request: Request, { params }: Params): Promise<Response> {
  try {
    const userId = idSchema.parse((await params).id);
    const { db, userId: adminId } = await adminContext();
    if (!(await deleteUser(db, { adminId, userId }))) throw new ChatError("not_found:auth", "No such user.");
    return Response.json({ deleted: true });
  } catch (error) {
    return errorResponse(error);
  }
}
