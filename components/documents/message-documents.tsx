import { useTranslations } from "next-intl";
import type { ChatUIMessage } from "@/lib/contract";
import { DocumentCard } from "./document-card";

/** The documents a sent message carries, as cards above its words (a deleted one says so). */
export function MessageDocuments({ message }: { message: ChatUIMessage }) {
  const t = useTranslations("documents");
  const files = message.parts.flatMap((part) => (part.type === "data-file" && !part.data.image ? [part.data] : []));
  if (files.length === 0) return null;
  return (
    <ul className="mb-1.5 flex max-w-[85%] flex-wrap justify-end gap-2" aria-label={t("attached")}>
      {files.map((file) => (
        <li key={file.attachmentId} className="max-w-full min-w-0 sm:max-w-[20rem]">
          <DocumentCard name={file.name} document={file.document} />
        </li>
      ))}
    </ul>
  );
}
