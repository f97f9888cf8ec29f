import { z } from "zod";
import { setSignUpOpen, signUpOpen } from "@/lib/auth/accounts";
import { adminContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

const settingsSchema = z.object({ signUpOpen: z.boolean() });

/** Whether others may create accounts. Admin only. */
export async function PATCH(request: Request): Promise<Response> {
  try {
    const { db } = await adminContext();
    const { signUpOpen: open } = await readJson(request, settingsSchema);
    await setSignUpOpen(db, open);
    return Response.json({ signUpOpen: await signUpOpen(db) });
  } catch (error) {
    return errorResponse(error);
  }
}
