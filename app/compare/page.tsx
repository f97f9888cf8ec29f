import { generateId } from "ai";
import { getTranslations } from "next-intl/server";
import { CompareView, type CarriedHistory } from "@/components/compare/compare-view";
import { selectedPath } from "@/lib/chat/message-tree";
import { narrowPanes } from "@/lib/compare/view";
import { clientIdSchema, MAX_DOCUMENTS_PER_MESSAGE } from "@/lib/contract";
import type { DocumentInfo } from "@/lib/documents/contract";
import { listDocuments } from "@/lib/documents/store";
import { getConversation, listComparisons, listMessages } from "@/lib/db/queries";
import type { Db } from "@/lib/db/client";
import { backendInfo } from "@/lib/server/backend-info";
import { pageContext } from "@/lib/server/context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  const t = await getTranslations();
  return { title: t("meta.pageTitle", { page: t("compare.title") }) };
}

/**
 * A new comparison, created by its first prompt. From a chat ("compare this prompt": `?from=…&prompt=…`)
 * the prompt is filled in and the chat's history before it comes along. From the documents page
 * ("compare summaries": `?document=…`, repeatable) the documents are attached to the first prompt.
 */
export default async function NewComparisonPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db, userId } = await pageContext();
  const params = await searchParams;
  const [saved, carried, documents] = await Promise.all([
    listComparisons({ db, userId }),
    carriedFrom({ db, userId, from: params.from, prompt: params.prompt }),
    attachedDocuments({ db, userId, ids: params.document }),
  ]);
  return (
    <CompareView
      backend={backendInfo()}
      initial={null}
      newId={generateId()}
      carried={carried}
      documents={documents}
      saved={saved.map((item) => ({ ...item, panes: narrowPanes(item.panes), updatedAt: item.updatedAt.toISOString() }))}
    />
  );
}

async function carriedFrom({ db, userId, from, prompt }: { db: Db; userId: string; from: unknown; prompt: unknown }): Promise<CarriedHistory | null> {
  const conversationId = clientIdSchema.safeParse(from);
  const promptId = clientIdSchema.safeParse(prompt);
  if (!conversationId.success || !promptId.success) return null;
  const conversation = await getConversation({ db, userId, id: conversationId.data });
  if (!conversation) return null;
  const path = selectedPath(await listMessages({ db, userId, conversationId: conversation.id })).map((step) => step.message);
  const index = path.findIndex((message) => message.id === promptId.data && message.role === "user");
  const target = path[index];
  if (!target) return null;
  const promptImages = target.parts.flatMap((part) =>
    part.type === "file" && part.image
      ? [{ attachmentId: part.attachmentId, name: part.name, mediaType: part.mediaType, size: part.size, ...part.image }]
      : [],
  );
  return { conversationId: conversation.id, title: conversation.title, promptId: target.id, promptText: target.content, promptImages, count: index };
}

/** The documents named by `?document=`, the person's own only (another's id is ignored). */
async function attachedDocuments({ db, userId, ids }: { db: Db; userId: string; ids: string | string[] | undefined }): Promise<DocumentInfo[]> {
  const wanted = [ids ?? []].flat().flatMap((id) => {
    const parsed = clientIdSchema.safeParse(id);
    return parsed.success ? [parsed.data] : [];
  });
  if (wanted.length === 0) return [];
  return listDocuments({ db, userId, ids: wanted.slice(0, MAX_DOCUMENTS_PER_MESSAGE) });
}
