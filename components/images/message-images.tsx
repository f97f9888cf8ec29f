import { useTranslations } from "next-intl";
import type { ChatUIMessage } from "@/lib/contract";
import { imageUrl } from "@/lib/images/url";
import { useImageCaption } from "./figures";
import { ImageThumb } from "./image-thumb";

/** The images a sent message carries, as thumbnails above its words; each opens larger. */
export function MessageImages({ message }: { message: ChatUIMessage }) {
  const t = useTranslations("images");
  const imageCaption = useImageCaption();
  const images = message.parts.flatMap((part) => (part.type === "data-file" && part.data.image ? [{ ...part.data, image: part.data.image }] : []));
  if (images.length === 0) return null;
  return (
    <ul className="mb-1.5 flex max-w-[85%] flex-wrap justify-end gap-2" aria-label={t("listMessage")} data-testid="message-images">
      {images.map((file) => (
        <li key={file.attachmentId}>
          <ImageThumb src={imageUrl(file.attachmentId)} name={file.name} caption={imageCaption(file.image)} />
        </li>
      ))}
    </ul>
  );
}
