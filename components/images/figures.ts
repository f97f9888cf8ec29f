import type { ImageFigures } from "@/lib/contract";

/** "1280×720 · ≈384 tokens": what an image is and what it costs to send. */
export function imageCaption(image: ImageFigures): string {
  return `${image.width}×${image.height} · ≈${image.tokens} tokens`;
}
