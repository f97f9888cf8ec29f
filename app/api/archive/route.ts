import { downloadResponse } from "@/lib/archive/download";
import { exportArchive } from "@/lib/archive/export";
import { requestContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** All of the user's data as one JSON archive (folders, conversations with every version and branch). */
export async function GET(): Promise<Response> {
  try {
    const { db, userId } = await requestContext();
    const archive = await exportArchive({ db, userId });
    const day = archive.exportedAt.slice(0, 10);
    return downloadResponse(JSON.stringify(archive), { name: `v4chat-archive-${day}`, extension: "json", type: "application/json" });
  } catch (error) {
    return errorResponse(error);
  }
}
