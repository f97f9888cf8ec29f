"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { ImageFigures } from "@/lib/contract";

/** "1280×720 · ≈384 tokens": what an image is and what it costs to send, in the interface's language. */
export function useImageCaption(): (image: ImageFigures) => string {
  const t = useTranslations("images");
  return useCallback((image: ImageFigures) => t("caption", { width: image.width, height: image.height, tokens: image.tokens }), [t]);
}
