"use client";

// The images attached to the message being written: each is downscaled and uploaded as soon as
// it is added, so its thumbnail shows at once and its token estimate is known before sending.
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ChatUIMessage } from "@/lib/contract";
import { MAX_IMAGES_PER_MESSAGE } from "@/lib/contract/limits";
import type { ImageInfo } from "@/lib/images/contract";
import { imageUrl } from "@/lib/images/url";
import { downscaleImage } from "./downscale";
import { useErrorText } from "@/components/i18n/use-error-text";
import { ImageRefusal, ImageUploadFailed, uploadImageFile } from "./upload-image";

export type DraftImage = { key: string; name: string; preview: string } & (
  | { state: "uploading" }
  | { state: "ready"; image: ImageInfo }
  | { state: "failed"; error: string }
);

type FileDataPart = Extract<ChatUIMessage["parts"][number], { type: "data-file" }>;

export function toImageDataPart(image: ImageInfo): FileDataPart {
  return {
    type: "data-file",
    data: {
      attachmentId: image.attachmentId,
      name: image.name,
      mediaType: image.mediaType,
      size: image.size,
      image: { width: image.width, height: image.height, tokens: image.tokens },
    },
  };
}

let nextKey = 0;

/** `initial`: images already stored (a prompt carried into a comparison), shown ready. */
export function useImageDrafts(initial: readonly ImageInfo[] = []) {
  const t = useTranslations("images");
  const errorText = useErrorText();
  const [drafts, setDrafts] = useState<DraftImage[]>(() =>
    initial.map((image) => ({ key: `image-${nextKey++}`, name: image.name, preview: imageUrl(image.attachmentId), state: "ready", image })),
  );
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;

  // Previews of local files are object URLs: released when the draft goes.
  const release = (list: readonly DraftImage[]) => list.forEach((draft) => draft.preview.startsWith("blob:") && URL.revokeObjectURL(draft.preview));
  useEffect(() => () => release(draftsRef.current), []);

  const update = (key: string, change: (draft: DraftImage) => DraftImage) =>
    setDrafts((current) => current.map((draft) => (draft.key === key ? change(draft) : draft)));

  const failureText = useCallback(
    (error: unknown, name: string) => {
      if (error instanceof ImageRefusal) return errorText(error.payload, error.message).message;
      if (error instanceof ImageUploadFailed) {
        return "connection" in error.reason ? t("connectionFailed", { name }) : t("uploadFailed", { status: error.reason.status });
      }
      return error instanceof Error ? error.message : String(error);
    },
    [errorText, t],
  );

  const add = useCallback((files: readonly File[]) => {
    let count = draftsRef.current.length;
    for (const file of files) {
      const key = `image-${nextKey++}`;
      const name = file.name || t("pasted");
      const preview = URL.createObjectURL(file);
      if (count >= MAX_IMAGES_PER_MESSAGE) {
        setDrafts((current) => [...current, { key, name, preview, state: "failed", error: t("tooMany", { max: MAX_IMAGES_PER_MESSAGE }) }]);
        continue;
      }
      count += 1;
      setDrafts((current) => [...current, { key, name, preview, state: "uploading" }]);
      downscaleImage(file)
        .then(uploadImageFile)
        .then((image) => update(key, (draft) => ({ key, name: draft.name, preview: draft.preview, state: "ready", image })))
        .catch((error: unknown) =>
          update(key, (draft) => ({ key, name: draft.name, preview: draft.preview, state: "failed", error: failureText(error, draft.name) })),
        );
    }
  }, [t, failureText]);

  /** Images already stored (a scanned PDF's pages), shown ready. */
  const addStored = useCallback((images: readonly ImageInfo[]) => {
    setDrafts((current) => [
      ...current,
      ...images.map((image): DraftImage => ({ key: `image-${nextKey++}`, name: image.name, preview: imageUrl(image.attachmentId), state: "ready", image })),
    ]);
  }, []);

  const remove = useCallback((key: string) => {
    setDrafts((current) => {
      release(current.filter((draft) => draft.key === key));
      return current.filter((draft) => draft.key !== key);
    });
  }, []);
  const clear = useCallback(() => {
    setDrafts((current) => {
      release(current);
      return [];
    });
  }, []);

  const ready = useMemo(() => drafts.flatMap((draft) => (draft.state === "ready" ? [draft.image] : [])), [drafts]);
  const uploading = drafts.some((draft) => draft.state === "uploading");
  const tokens = ready.reduce((sum, image) => sum + image.tokens, 0);
  return { drafts, ready, uploading, tokens, add, addStored, remove, clear };
}

export type ImageDrafts = ReturnType<typeof useImageDrafts>;
