import { createUser, listUsers, newUserSchema } from "@/lib/auth/admin";
import { adminContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** Every account with its limits and today's usage. Admin only. */
export async function GET(): Promise<Response> {
  try {
    const { db } = await adminContext();
    return Response.json({ users: await listUsers(db) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** A new account made by the admin (works while sign-up is closed). */
export async function POST(request: Request): Promise<Response> {
  try {
    const { db } = await adminContext();
    const input = await readJson(request, newUserSchema);
    return Response.json({ id: await createUser(db, input) }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
