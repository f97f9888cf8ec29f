import { z } from "zod";
import { searchIndex } from "@/lib/search";
import { MAX_QUERY_CHARS } from "@/lib/search/query";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

const searchQuerySchema = z.object({
  q: z.string().max(MAX_QUERY_CHARS, `The search is too long (${MAX_QUERY_CHARS} characters at most)`),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** The user's conversations whose title or messages contain the words of `q`, best first. */
export async function GET(request: Request): Promise<Response> {
  try {
    const params = new URL(request.url).searchParams;
    const { q, limit } = searchQuerySchema.parse({ q: params.get("q") ?? "", limit: params.get("limit") ?? undefined });
    const { db, userId } = await requestContext();
    const results = await searchIndex(db).search({ userId, query: q, limit });
    return Response.json({ results });
  } catch (error) {
    return errorResponse(error);
  }
}
