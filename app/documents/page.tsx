import { PageShell } from "@/components/auth/page-shell";
import { DocumentLibrary } from "@/components/documents/document-library";
import { listDocuments } from "@/lib/documents/store";
import { env } from "@/lib/env";
import { pageContext } from "@/lib/server/context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Documents · V4 Chat" };

/** The person's documents: upload, preview, delete. */
export default async function DocumentsPage() {
  const { db, userId } = await pageContext();
  const documents = await listDocuments({ db, userId });
  return (
    <PageShell title="Documents">
      <DocumentLibrary initialDocuments={documents} maxBytes={env().DOCUMENT_MAX_BYTES} />
    </PageShell>
  );
}
