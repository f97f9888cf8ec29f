import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/auth/page-shell";
import { DocumentLibrary } from "@/components/documents/document-library";
import { listDocuments } from "@/lib/documents/store";
import { env } from "@/lib/env";
import { pageContext } from "@/lib/server/context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  const t = await getTranslations();
  return { title: t("meta.pageTitle", { page: t("documents.title") }) };
}

/** The person's documents: upload, preview, delete. */
export default async function DocumentsPage() {
  const { db, userId } = await pageContext();
  const documents = await listDocuments({ db, userId });
  const t = await getTranslations("documents");
  return (
    <PageShell title={t("title")}>
      <DocumentLibrary initialDocuments={documents} maxBytes={env().DOCUMENT_MAX_BYTES} />
    </PageShell>
  );
}
