import { limitsFor, startOfUtcDay, usageSince } from "@/lib/auth/limits";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** The asker's own usage today and the limits that apply to them. */
export async function GET(): Promise<Response> {
  try {
    const { db, userId } = await requestContext();
    const [today, limits] = await Promise.all([usageSince(db, userId, startOfUtcDay(new Date())), limitsFor(db, userId)]);
    return Response.json({ today, limits });
  } catch (error) {
    return errorResponse(error);
  }
}
