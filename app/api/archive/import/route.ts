import { z } from "zod";
import { announceChange } from "@/lib/events/changes";
import { pageIdOf } from "@/lib/events/page-id";
import { planImport, runImport } from "@/lib/archive/import";
import { requestContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/**
 * Imports an uploaded file (its JSON is the body, at most MAX_REQUEST_BYTES): a V4 Chat archive or
 * ChatGPT's conversations.json. Checked whole before anything is written, then written in one
 * transaction: a bad file gets a 400 saying why, and nothing is stored.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const { db, userId } = await requestContext();
    const plan = planImport(await readJson(request, z.unknown()));
    const summary = await runImport({ db, userId, plan });
    announceChange({ userId, page: pageIdOf(request) }, { type: "list" });
    return Response.json({ summary });
  } catch (error) {
    return errorResponse(error);
  }
}
