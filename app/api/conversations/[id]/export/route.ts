import { z } from "zod";
import { downloadResponse } from "@/lib/archive/download";
import { exportConversationArchive, exportConversationMarkdown } from "@/lib/archive/export";
import { clientIdSchema } from "@/lib/contract";
import { ChatError } from "@/lib/errors";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

const exportQuerySchema = z.object({
  format: z.enum(["markdown", "json"]).default("markdown"),
  reasoning: z.enum(["0", "1"]).default("0"),
});

/** One conversation as a download: Markdown (the path shown, reasoning optional) or JSON (every version, importable). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const id = clientIdSchema.parse((await params).id);
    const search = new URL(request.url).searchParams;
    const { format, reasoning } = exportQuerySchema.parse({ format: search.get("format") ?? undefined, reasoning: search.get("reasoning") ?? undefined });
    const { db, userId } = await requestContext();
    const notFound = () => new ChatError("not_found:conversation", "This conversation does not exist.");
    if (format === "json") {
      const archive = await exportConversationArchive({ db, userId, id });
      if (!archive) throw notFound();
      const title = archive.conversations[0]?.title ?? "conversation";
      return downloadResponse(JSON.stringify(archive, null, 2), { name: title, extension: "json", type: "application/json" });
    }
    const exported = await exportConversationMarkdown({ db, userId, id, withReasoning: reasoning === "1" });
    if (!exported) throw notFound();
    return downloadResponse(exported.markdown, { name: exported.title, extension: "md", type: "text/markdown" });
  } catch (error) {
    return errorResponse(error);
  }
}
